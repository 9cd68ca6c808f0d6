#!/usr/bin/env bash
# Query at scale (issue 6, item 2): GET of one job's newest 100 runs with ROWS stored runs over JOBS
# jobs. Starts the receiver once on an empty database (it creates its schema), stops it, seeds the
# receiver's own table, starts it again, prints SQLite's query plan of the receiver's query and
# times REQUESTS GETs for random jobs.
#
#   bench/query.sh                      # ROWS=200000 JOBS=500 REQUESTS=1000 LIMIT=100
#   ENGINE=postgresql bench/query.sh    # the same on a throwaway PostgreSQL (bench/postgres.sh)
#
# Env: ENGINE (sqlite or postgresql), ROWS, JOBS, REQUESTS, WARMUP_REQUESTS (3000: a fresh JVM's JIT compiler keeps compiling the
#      request path for well over 1,000 GETs on 2 cores and takes CPU from them; after 1,000 the
#      same build measured p99 16-24 ms from one hour to the next, after 3,000 17 ms; the
#      warm-up's own latencies are printed as WARMUP, not judged), LIMIT, BENCH_TMP (scratch dir; the seeded
#      database is ~1 GiB at 200k runs and is deleted at the end unless KEEP=1).
# Needs the built receiver and a JDK 17; loopback only; stops only the receiver it started.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROWS="${ROWS:-200000}"
JOBS="${JOBS:-500}"
REQUESTS="${REQUESTS:-1000}"
WARMUP_REQUESTS="${WARMUP_REQUESTS:-3000}"
LIMIT="${LIMIT:-100}"
for v in ROWS JOBS REQUESTS WARMUP_REQUESTS LIMIT; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a number"
done

ENGINE="${ENGINE:-sqlite}"
case "$ENGINE" in sqlite | postgresql) ;; *) die "ENGINE must be sqlite or postgresql" ;; esac

check_artifacts
prepare_run query
if [ "$ENGINE" = postgresql ]; then
  start_postgres "$WORK/pg"
  DB="$PG_URL"
  QB=(env PGPASSWORD="$PG_PASSWORD" "$JAVA" -cp "$POSTGRES_JAR" "$BENCH/QueryBench.java")
  QB_DB=(--jdbc="$PG_URL" --user="$PG_USER")
else
  DB="$WORK/receiver.db"
  QB=("$JAVA" -cp "$SQLITE_JAR" "$BENCH/QueryBench.java")
  QB_DB=(--db="$DB")
fi

say "== query benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "   engine $ENGINE, $ROWS runs over $JOBS jobs, $REQUESTS GETs (+$WARMUP_REQUESTS warm-up) with limit=$LIMIT; scratch dir $WORK"

"$JAVA" "$BENCH/IngestBench.java" --write-samples="$WORK/payloads.jsonl"

say ""
say "-- 1. the receiver creates its schema on an empty database"
start_receiver "$DB" "$WORK/receiver-1.log"
stop_receiver

say ""
say "-- 2. seeding the receiver's stored_run table"
"${QB[@]}" seed "${QB_DB[@]}" --payloads="$WORK/payloads.jsonl" --rows="$ROWS" --jobs="$JOBS"

say ""
say "-- 3. query plan of the receiver's query, and the query alone through JDBC"
"${QB[@]}" plan "${QB_DB[@]}" --jobs="$JOBS" --requests="$REQUESTS" | tee "$WORK/plan.txt"

say ""
say "-- 4. GET /api/v1/metrics/repo/{org}/{repo}/{workflow}/{job}?limit=$LIMIT through the receiver"
start_receiver "$DB" "$WORK/receiver-2.log"
wait_receiver_idle
"${QB[@]}" query --url="http://127.0.0.1:$RECEIVER_PORT" \
  --server-pid="$RECEIVER_PID" --clk-tck="$(getconf CLK_TCK 2>/dev/null || echo 100)" \
  --jobs="$JOBS" --requests="$REQUESTS" --warmup="$WARMUP_REQUESTS" --limit="$LIMIT" | tee "$WORK/query.txt"
if [ "$LIMIT" != "1" ]; then
  # The same with limit=1: the fixed cost of a GET (HTTP, auth, JPA), to tell it from the per-row cost.
  "${QB[@]}" query --url="http://127.0.0.1:$RECEIVER_PORT" \
    --server-pid="$RECEIVER_PID" --clk-tck="$(getconf CLK_TCK 2>/dev/null || echo 100)" \
    --jobs="$JOBS" --requests=200 --warmup=20 --limit=1 | grep '^QUERY' | tee -a "$WORK/query-limit1.txt"
fi
receiver_rss
stop_receiver

say ""
say "== summary"
grep -E '^(PLAN|SQLITE_ONLY|POSTGRESQL_ONLY)' "$WORK/plan.txt"
grep -E '^(WARMUP|QUERY|query target)' "$WORK/query.txt"
[ ! -f "$WORK/query-limit1.txt" ] || sed 's/^QUERY/QUERY (fixed cost)/' "$WORK/query-limit1.txt"
say "Numbers depend on the machine and on what else runs on it (the database is in the page cache here)."
