#!/usr/bin/env bash
# The receiver's figures for docs/receiver.md: start-up to first served request, idle RSS, and
# pushes/s with 4 concurrent clients on loopback next to the sqlite3 CLI's single-row-commit rate
# for the same rows with the same pragmas (WAL, synchronous), measured before and after the load.
# Needs the built receiver, bench/IngestBench.java (load generator), sqlite3, python3 and curl.
#   bench/receiver/measure.sh            # SYNC=FULL DURATION=20 N=1500 PORT=18090
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$HERE/../.."
PID=""
W=""
# On any exit, failures included: stop the receiver started here and delete the scratch directory.
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; [ -n "$W" ] && rm -rf "$W"; true' EXIT
W=$(mktemp -d "${TMPDIR:-/tmp}/receiver-measure.XXXXXX")
PORT=${PORT:-18090}
N=${N:-1500}
SYNC=${SYNC:-FULL}
java bench/IngestBench.java --write-samples=$W/payloads.jsonl 2>/dev/null
echo "payload bytes (avg): $(awk '{s+=length($0)} END {printf "%d", s/NR}' $W/payloads.jsonl)"
ref() {
  rm -f $W/ref.db*
  python3 "$HERE/refsql.py" $W/payloads.jsonl $N $SYNC > $W/ref.sql
  sqlite3 $W/ref.db < $W/ref.sql > $W/ref.out
  awk -v n=$N '/^start/{split($0,a,"|"); s=a[2]} /^end/{split($0,b,"|"); e=b[2]} END {printf "sqlite3 CLI (%s): %d single-row commits in %.2f s = %.0f commits/s\n", "'$SYNC'", n, e-s, n/(e-s)}' FS='|' $W/ref.out
}
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== SQLite reference before the load"; ref
t0=$(date +%s%N)
RECEIVER_SYNCHRONOUS=$SYNC bin/receiver --addr=127.0.0.1:$PORT --db=$W/receiver.db --read-token=bench-read-token --hmac-key=bench-hmac-key > $W/receiver.log 2>&1 &
PID=$!
until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST http://127.0.0.1:$PORT/api/v1/token -H 'Authorization: Bearer bench-read-token' -H 'Content-Type: application/json' -d '{"organization":"o","repository":"r","workflow":"w","job":"j"}' 2>/dev/null)" = 200 ]; do
  kill -0 $PID || { echo "receiver died"; tail $W/receiver.log; exit 1; }
  sleep 0.05
done
t1=$(date +%s%N)
echo "== start-up to first served request (POST /api/v1/token 200): $(( (t1-t0)/1000000 )) ms"
sleep 20
echo "== idle RSS 20 s after start-up: $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' /proc/$PID/status)"
echo "== load"
java bench/IngestBench.java --url=http://127.0.0.1:$PORT --read-token=bench-read-token --clients=4 --duration=${DURATION:-20} --warmup=3 --server-pid=$PID 2>&1 | tail -12
echo "== RSS after load: $(awk '/VmRSS/{printf "%.0f MiB", $2/1024}' /proc/$PID/status)  peak: $(awk '/VmHWM/{printf "%.0f MiB", $2/1024}' /proc/$PID/status)"
kill $PID; wait $PID 2>/dev/null || true
PID=""
echo "rows stored: $(sqlite3 $W/receiver.db 'select count(*) from stored_run')"
echo "== SQLite reference after the load"; ref
