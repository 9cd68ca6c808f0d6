#!/usr/bin/env bash
# The whole product in one command, on a machine with only a JDK:
# build, start the receiver on a throw-away SQLite file, mint a scoped push token, run a short
# workload under the collector (wrapper mode), print the stored run, stop the receiver.
#
#   ./demo.sh              build first, then run
#   ./demo.sh --no-build   reuse the artifacts of an earlier build
#   ./demo.sh --keep       leave the receiver running afterwards, to open its dashboard
set -euo pipefail
cd "$(dirname "$0")"

build=true
keep=false
for arg in "$@"; do
  case "$arg" in
    --no-build) build=false ;;
    --keep) keep=true ;;
    *)
      echo "usage: ./demo.sh [--no-build] [--keep]" >&2
      exit 2
      ;;
  esac
done

if [[ "$build" == true ]]; then
  echo "== building (./mvnw package, tests skipped; run ./mvnw verify for those)"
  ./mvnw -q -B -ntp -DskipTests package
fi

work=$(mktemp -d)
receiver_pid=""
kept=false
cleanup() {
  if [[ "$kept" == true ]]; then
    return
  fi
  if [[ -n "$receiver_pid" ]] && kill -0 "$receiver_pid" 2>/dev/null; then
    kill -TERM "$receiver_pid"
    wait "$receiver_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# A free loopback port: the first one nothing answers on.
port=${DEMO_PORT:-}
if [[ -z "$port" ]]; then
  for candidate in $(seq 18080 18180); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$candidate") 2>/dev/null; then
      port=$candidate
      break
    fi
  done
fi
base="http://127.0.0.1:$port"
http() { java demo/DemoHttp.java "$@"; }

# Fresh random secrets for this run; a real deployment keeps them in a secret store.
export RECEIVER_READ_TOKEN="demo-read-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"
export RECEIVER_HMAC_KEY="demo-hmac-$(od -An -tx1 -N16 /dev/urandom | tr -d ' \n')"

echo "== starting the receiver on $base (log: $work/receiver.log)"
bin/receiver --addr="127.0.0.1:$port" --db="$work/metrics.db" >"$work/receiver.log" 2>&1 &
receiver_pid=$!
if ! http wait "$base/api/v1/metrics/repo/demo-org/demo-repo/demo.yml/build" \
  "$RECEIVER_READ_TOKEN" 180; then
  tail -n 40 "$work/receiver.log" >&2
  exit 1
fi

echo "== minting a push token for demo-org/demo-repo, workflow demo.yml, job build"
token=$(http token "$base/api/v1/token" "$RECEIVER_READ_TOKEN" \
  '{"organization":"demo-org","repository":"demo-repo","workflow":"demo.yml","job":"build"}')
echo "   token: ${#token} characters, expiring (docs/tokens.md)"

echo "== running a 4-second workload under the collector"
GITHUB_REPOSITORY_OWNER=demo-org \
  GITHUB_REPOSITORY=demo-org/demo-repo \
  GITHUB_WORKFLOW=demo.yml \
  GITHUB_JOB=build \
  GITHUB_RUN_ID="demo-$(date +%s)" \
  CGROUP_PROCESS_MAP='{"workload.sh":"runner"}' \
  CGROUP_LIMITS='{"runner":{"cpu":"2","memory":"1Gi"}}' \
  bin/collector --interval=500ms --top=3 --log-level=warn \
  --push-endpoint="$base/api/v1/metrics" --push-token="$token" \
  -- demo/workload.sh 4

echo "== the stored run, as GET /api/v1/metrics/repo/demo-org/demo-repo/demo.yml/build returns it"
run_json=$(http get "$base/api/v1/metrics/repo/demo-org/demo-repo/demo.yml/build" "$RECEIVER_READ_TOKEN")
echo "$run_json"
peak=$(echo "$run_json" | grep -A2 '"name": "runner"' | sed -n 's/.*"peak": \([0-9.eE+-]*\).*/\1/p' | head -n 1)
if [[ -z "$peak" || "$peak" == "0" ]]; then
  echo "demo: the stored run shows no CPU for the workload's container (runner)" >&2
  exit 1
fi
echo "== the workload's container 'runner' peaked at $peak cores"
echo "== the dashboard: $base/ui/ (sign in with the read token)"
if [[ "$keep" == true ]]; then
  kept=true
  echo "== --keep: the receiver stays up (pid $receiver_pid, files in $work)"
  echo "   read token: $RECEIVER_READ_TOKEN"
  echo "   stop it with: kill $receiver_pid && rm -rf $work"
  exit 0
fi
echo "== done; stopping the receiver"
