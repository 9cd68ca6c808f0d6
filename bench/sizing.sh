#!/usr/bin/env bash
# Sizing API at scale (issue 12): the advice for a job with 1,000 stored runs and the organisation
# view over ROWS runs in JOBS jobs of one organization, each next to the plain query's p99 in the
# same run. Starts the receiver once on an empty database (it creates its schema), stops it, seeds
# stored_run and container_usage, starts it again and times the GETs one at a time.
#
#   bench/sizing.sh                     # ROWS=200000 JOBS=500 BIG=1000 REQUESTS=200 HEAVY=30
#
# Env: ROWS, JOBS, BIG (runs of the big job), REQUESTS (plain query and default advice), HEAVY
#      (advice over all BIG runs, organisation pages), WARMUP, BENCH_TMP (scratch dir; deleted at
#      the end unless KEEP=1). Needs the built receiver and a JDK 17; loopback only; stops only the
#      receiver it started.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROWS="${ROWS:-200000}"
JOBS="${JOBS:-500}"
BIG="${BIG:-1000}"
REQUESTS="${REQUESTS:-200}"
HEAVY="${HEAVY:-30}"
WARMUP="${WARMUP:-100}"
for v in ROWS JOBS BIG REQUESTS HEAVY WARMUP; do
  [[ "${!v}" =~ ^[0-9]+$ ]] || die "$v must be a number"
done

check_artifacts
prepare_run sizing
DB="$WORK/receiver.db"
SB=("$JAVA" -cp "$SQLITE_JAR" "$BENCH/SizingBench.java")

say "== sizing benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "   $ROWS runs over $JOBS jobs, $BIG for the big job; scratch dir $WORK"

say ""
say "-- 1. the receiver creates its schema on an empty database"
start_receiver "$DB" "$WORK/receiver-1.log"
stop_receiver

say ""
say "-- 2. seeding stored_run and container_usage"
"${SB[@]}" seed --db="$DB" --rows="$ROWS" --jobs="$JOBS" --big="$BIG"

say ""
say "-- 3. GETs through the receiver, one at a time"
start_receiver "$DB" "$WORK/receiver-2.log"
wait_receiver_idle
"${SB[@]}" query --url="http://127.0.0.1:$RECEIVER_PORT" --requests="$REQUESTS" \
  --heavy="$HEAVY" --warmup="$WARMUP" | tee "$WORK/sizing.txt"
receiver_rss
stop_receiver

say ""
say "== summary"
grep '^RESULT' "$WORK/sizing.txt"
say "Numbers depend on the machine and on what else runs on it (the database is in the page cache here)."
