#!/usr/bin/env bash
# Ingest benchmark (issue 6, item 1; issue 10): the receiver's pushes/s and latency against its
# database's own single-row commit rate on the same machine, measured in the same run.
#
#   bench/ingest.sh                       # defaults: CLIENTS=1,4,8,32 DURATION=15 WARMUP=3 FIRST_WARMUP=90
#   CLIENTS=8 DURATION=5 FIRST_WARMUP=5 bench/ingest.sh  # quick look (a cold JIT: not a result)
#   ENGINE=postgresql bench/ingest.sh     # the receiver on a throwaway PostgreSQL (bench/postgres.sh)
#
# Env: ENGINE (sqlite, the default, or postgresql), CLIENTS, DURATION (s per level), WARMUP (s per level),
#      FIRST_WARMUP (s before the first level, 90: on 2 cores the receiver's JIT compiles for about
#      75 s of load before its CPU per push settles; less measures a receiver still compiling),
#      JOBS (scopes pushed to, 32),
#      SYNCHRONOUS (FULL|NORMAL, the receiver's and the reference's setting, default FULL),
#      BASELINE_SECONDS (5), BENCH_TMP (where the scratch databases go; default $TMPDIR or /tmp —
#      put it on the disk the receiver's database will really live on), KEEP=1 (keep scratch dir),
#      PROFILE=1 (record the receiver with JFR during the load and print where its CPU went).
# Needs the built receiver (receiver-war/target/receiver.war and payara-micro.jar) and a JDK 17.
# Loopback only; every phase is bounded in time; stops only the receiver it started.
set -euo pipefail
# shellcheck source=bench/lib.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CLIENTS="${CLIENTS:-1,4,8,32}"
DURATION="${DURATION:-15}"
WARMUP="${WARMUP:-3}"
FIRST_WARMUP="${FIRST_WARMUP:-90}"
JOBS="${JOBS:-32}"
BASELINE_SECONDS="${BASELINE_SECONDS:-5}"
SYNCHRONOUS="$(printf '%s' "${SYNCHRONOUS:-FULL}" | tr '[:lower:]' '[:upper:]')"
case "$SYNCHRONOUS" in FULL | NORMAL) ;; *) die "SYNCHRONOUS must be FULL or NORMAL" ;; esac
export SYNCHRONOUS
ENGINE="${ENGINE:-sqlite}"
case "$ENGINE" in sqlite | postgresql) ;; *) die "ENGINE must be sqlite or postgresql" ;; esac
[[ "$CLIENTS" =~ ^[0-9]+(,[0-9]+)*$ ]] || die "CLIENTS must be a comma-separated list of numbers"
[[ "$DURATION" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "DURATION must be seconds"
[[ "$WARMUP" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "WARMUP must be seconds"
[[ "$FIRST_WARMUP" =~ ^[0-9]+(\.[0-9]+)?$ ]] || die "FIRST_WARMUP must be seconds"

check_artifacts
prepare_run ingest
REF="$(printf '%s' "$SYNCHRONOUS" | tr '[:upper:]' '[:lower:]')" # baseline mode of the reference

say "== ingest benchmark $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "   scratch dir $WORK ($(stat -f -c %T "$WORK") file system); java $("$JAVA" -version 2>&1 | head -1)"
say "   clients $CLIENTS, ${FIRST_WARMUP} s warm-up before the first level, ${WARMUP} s before the others, ${DURATION} s measured per level, $JOBS scopes, engine $ENGINE$([ "$ENGINE" = sqlite ] && echo ", synchronous=$SYNCHRONOUS")"

"$JAVA" "$BENCH/IngestBench.java" --write-samples="$WORK/payloads.jsonl"

if [ "$ENGINE" = postgresql ]; then
  start_postgres "$WORK/pg"
  start_receiver "$PG_URL" "$WORK/receiver.log"
  REF=single
  REF_NAME="PostgreSQL reference"
  REF_SHAPE="single row per transaction, fsync=on, synchronous_commit=on"
  # The reference table is a copy of the receiver's stored_run (LIKE … INCLUDING ALL), same server.
  reference() { postgres_baseline --payloads="$WORK/payloads.jsonl" --seconds="$BASELINE_SECONDS" --warmup=1 --jobs="$JOBS" --modes="$1"; }
  reference_modes_after="single,tx,batch8"
  stored_rows() { postgres_baseline --count 2>/dev/null || echo "?"; }
else
  start_receiver "$WORK/receiver.db" "$WORK/receiver.log"
  REF_NAME="SQLite reference"
  REF_SHAPE="single row per transaction, synchronous=$SYNCHRONOUS"
  # The reference table is the one the receiver just created (its DDL is copied from sqlite_master).
  reference() {
    "$JAVA" -cp "$SQLITE_JAR" "$BENCH/SqliteBaseline.java" --db="$WORK/baseline.db" --payloads="$WORK/payloads.jsonl" \
      --schema-from="$WORK/receiver.db" --seconds="$BASELINE_SECONDS" --warmup=1 --jobs="$JOBS" --modes="$1"
  }
  reference_modes_after="$REF,$([ "$REF" = full ] && echo normal || echo full),full-tx,full-batch8"
  stored_rows() { "$JAVA" -cp "$SQLITE_JAR" "$BENCH/SqliteBaseline.java" --count="$WORK/receiver.db" 2>/dev/null || echo "?"; }
fi
wait_receiver_idle

say ""
say "-- $REF_NAME before the load ($REF_SHAPE)"
reference "$REF" | tee "$WORK/baseline-before.txt"

JCMD="${JAVA_HOME:+$JAVA_HOME/bin/}jcmd"
if [ "${PROFILE:-0}" = "1" ]; then
  # Only the load is recorded (start-up and deployment are not), with the JDK's "profile" settings.
  "$JCMD" "$RECEIVER_PID" JFR.start name=bench settings=profile ${JFR_OPTIONS:-} >/dev/null ||
    { say "warning: could not start JFR in the receiver; continuing without a profile"; PROFILE=0; }
fi

say ""
say "-- receiver: POST /api/v1/metrics"
"$JAVA" "$BENCH/IngestBench.java" --url="http://127.0.0.1:$RECEIVER_PORT" \
  --server-pid="$RECEIVER_PID" --clk-tck="$(getconf CLK_TCK 2>/dev/null || echo 100)" \
  --jobs="$JOBS" --clients="$CLIENTS" --duration="$DURATION" --warmup="$WARMUP" --first-warmup="$FIRST_WARMUP" \
  --client="${CLIENT:-raw}" | tee "$WORK/ingest.txt"
RSS_LINE="$(receiver_rss)"
say "$RSS_LINE"
if [ "${PROFILE:-0}" = "1" ]; then
  "$JCMD" "$RECEIVER_PID" JFR.stop name=bench filename="$WORK/receiver.jfr" >/dev/null || true
fi
stop_receiver
STORED="$(stored_rows)"
if [ "${PROFILE:-0}" = "1" ] && [ -f "$WORK/receiver.jfr" ]; then
  say ""
  say "-- where the receiver's CPU went during the load (JFR execution samples)"
  "$JAVA" "$BENCH/JfrTop.java" "$WORK/receiver.jfr" 15 | tee "$WORK/profile.txt"
fi

# Every acknowledged push must be stored (and nothing else): rows = 2xx in warm-up + measured.
ACKED="$(awk '/^RESULT/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } s += v["ok"] + v["warmup_ok"] } END { print s + 0 }' "$WORK/ingest.txt")"

say ""
say "-- $REF_NAME after the load, plus what other settings and shapes give"
reference "$reference_modes_after" | tee "$WORK/baseline-after.txt"

# The reference: mean of the before/after runs of the receiver's own setting (the machine is shared,
# so both are printed; their spread says how far to trust the ratio).
read -r REF_BEFORE REF_AFTER < <(awk -v m="$REF" '
  /^BASELINE/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    if (v["mode"] == m) { r[++n] = v["commits_per_s"] } }
  END { printf "%s %s\n", r[1], r[2] }' "$WORK/baseline-before.txt" "$WORK/baseline-after.txt")

say ""
say "== summary ($ENGINE)"
awk -v cores="$(nproc)" -v before="$REF_BEFORE" -v after="$REF_AFTER" -v name="$REF_NAME" -v shape="$REF_SHAPE" -v acked="$ACKED" -v stored="$STORED" '
  BEGIN {
    before += 0; after += 0
    ref = (before + after) / 2
    printf "%s: %.0f commits/s (before load %.0f, after %.0f; %s)\n", name, ref, before, after, shape
    printf "%7s %10s %8s %6s %9s %7s %11s %9s  %s\n", "clients", "pushes/s", "ratio", "≥0.5×", "p99 ms", "errors", "srv ms/push", "srv cores", "p99<50ms@8"
  }
  /^RESULT/ {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
    ratio = v["pushes_per_s"] / ref
    ok = (ratio >= 0.5) ? "PASS" : "MISS"
    lat = ""
    if (v["clients"] + 0 == 8) { lat = ((v["p99_ms"] + 0) < 50) ? "PASS" : "MISS"; p99at8 = lat; seen8 = 1 }
    printf "%7d %10.1f %7.3f× %6s %9.2f %7d %11.2f %9.2f  %s\n", v["clients"], v["pushes_per_s"], ratio, ok, v["p99_ms"], v["errors"], v["server_cpu_ms_per_push"], v["server_cores"], lat
    if (v["pushes_per_s"] + 0 > best) { best = v["pushes_per_s"] + 0; bestc = v["clients"]; bestcpu = v["server_cpu_ms_per_push"] + 0 }
    errors += v["errors"]
  }
  END {
    bratio = best / ref
    printf "throughput (best level, %s clients: %.1f pushes/s = %.3f× the reference, issue 6 target ≥ 0.5×): %s\n", bestc, best, bratio, (bratio >= 0.5) ? "PASS" : "MISS"
    lo = (before < after) ? before : after; hi = (before < after) ? after : before
    if (lo > 0 && hi / lo > 1.5) printf "warning: the reference moved %.1f× between before and after the load: the machine is busy, the ratio is only indicative (%.3f× to %.3f×)\n", hi / lo, best / hi, best / lo
    if (bestcpu > 0) printf "receiver CPU per push at that level: %.2f ms, so %d cores would cap it near %.0f pushes/s with nothing else running and free fsyncs (the target needs ≥ %.0f)\n", bestcpu, cores, cores * 1000 / bestcpu, ref / 2
    if (seen8) printf "latency target (p99 < 50 ms at 8 clients): %s\n", p99at8
    else print "latency target (p99 < 50 ms at 8 clients): not measured (8 not in CLIENTS)"
    printf "stored rows %s, acknowledged pushes %s: %s\n", stored, acked, ((stored "") == (acked "")) ? "every 2xx stored once" : "MISMATCH"
    if (errors > 0) printf "non-2xx or failed pushes: %d (see the errors column above)\n", errors
  }' "$WORK/ingest.txt"
say "$RSS_LINE"
say "Numbers depend on the machine and on what else runs on it: compare runs on the same machine."
