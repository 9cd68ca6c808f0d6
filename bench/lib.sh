# Shared helpers of bench/ingest.sh and bench/query.sh (sourced, not run).
# Starts one receiver on a free loopback port, waits for it, reports its memory and stops it — only
# the process this script started (its PID and the process group it leads), never anything else.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BENCH="$ROOT/bench"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
WAR="${RECEIVER_WAR:-$ROOT/receiver-war/target/receiver.war}"
PAYARA="${RECEIVER_PAYARA_JAR:-$ROOT/receiver-war/target/payara-micro.jar}"
RECEIVER_PID=""
RECEIVER_PORT=""
RECEIVER_LOG=""
# shellcheck source=bench/postgres.sh
. "$BENCH/postgres.sh"

say() { printf '%s\n' "$*"; }
die() {
  printf 'bench: %s\n' "$*" >&2
  exit 2
}

# The sqlite-jdbc jar: the one inside the built WAR, else the local Maven repository.
sqlite_jar() {
  local j
  for j in "$ROOT"/receiver-war/target/receiver/WEB-INF/lib/sqlite-jdbc-*.jar \
    "$HOME"/.m2/repository/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar \
    "$HOME"/.m2/repository/org/xerial/sqlite-jdbc/*/sqlite-jdbc-*.jar; do
    if [ -f "$j" ]; then
      printf '%s\n' "$j"
      return 0
    fi
  done
  return 1
}

check_artifacts() {
  [ -f "$WAR" ] || die "no $WAR: build the project first (./mvnw -q -pl receiver-war -am package -DskipTests)"
  [ -f "$PAYARA" ] || die "no $PAYARA: build the project first (./mvnw -q -pl receiver-war -am package -DskipTests)"
  SQLITE_JAR="$(sqlite_jar)" || die "no sqlite-jdbc jar found (build receiver-war, or set SQLITE_JAR)"
  command -v "$JAVA" >/dev/null || die "no java on PATH"
}

random_hex() { od -An -tx1 -N"$1" /dev/urandom | tr -d ' \n'; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

free_port() {
  local i p
  for i in $(seq 1 50); do
    p=$((20000 + RANDOM % 40000))
    if ! port_in_use "$p"; then
      printf '%s\n' "$p"
      return 0
    fi
  done
  return 1
}

# HTTP status of a GET on the receiver (curl when present, else bash's /dev/tcp).
http_status() {
  local path="$1"
  if command -v curl >/dev/null; then
    curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$RECEIVER_PORT$path" || true
  else
    (
      exec 3<>"/dev/tcp/127.0.0.1/$RECEIVER_PORT" || exit 0
      printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
      timeout 5 head -1 <&3 | awk '{print $2}'
    ) 2>/dev/null || true
  fi
}

# start_receiver DB LOGFILE — env RECEIVER_READ_TOKEN / RECEIVER_HMAC_KEY must be exported. DB is a
# SQLite file or the jdbc:postgresql URL of start_postgres (whose user and password it then passes).
# Prefers bin/receiver (the product's launcher); falls back to java -jar payara-micro.jar.
start_receiver() {
  local db="$1"
  RECEIVER_LOG="$2"
  RECEIVER_PORT="$(free_port)" || die "no free loopback port found"
  local -a cmd
  if [ -x "$ROOT/bin/receiver" ]; then
    cmd=("$ROOT/bin/receiver" "--addr=127.0.0.1:$RECEIVER_PORT" "--db=$db")
  else
    local -a preboot=()
    if [ -f "$ROOT/config/payara/preboot-loopback.asadmin" ]; then
      preboot=(--prebootcommandfile "$ROOT/config/payara/preboot-loopback.asadmin")
    fi
    if [ -f "$ROOT/config/payara/startup-gate-postdeploy.asadmin" ]; then
      # Same start-up gate as bin/receiver: listener off until deployed (loopback file plus gate).
      local gate="${TMPDIR:-/tmp}/bench-preboot-$$.asadmin"
      cat "${preboot[1]:-/dev/null}" "$ROOT/config/payara/startup-gate-preboot.asadmin" >"$gate"
      preboot=(--prebootcommandfile "$gate"
        --postdeploycommandfile "$ROOT/config/payara/startup-gate-postdeploy.asadmin")
    fi
    cmd=("$JAVA" -Xmx128m -XX:+UseSerialGC -jar "$PAYARA" --nohazelcast --disablephonehome
      --port "$RECEIVER_PORT" "${preboot[@]}" "$WAR")
  fi
  local -a db_env=()
  case "$db" in
    jdbc:postgresql:*) db_env=(RECEIVER_DB_USER="$PG_USER" RECEIVER_DB_PASSWORD="$PG_PASSWORD") ;;
  esac
  # setsid: the receiver leads its own process group, so stopping it reaches only what we started.
  env "${db_env[@]}" RECEIVER_DB="$db" RECEIVER_SYNCHRONOUS="${SYNCHRONOUS:-FULL}" \
    setsid "${cmd[@]}" >"$RECEIVER_LOG" 2>&1 </dev/null &
  RECEIVER_PID=$!
  say "receiver: pid $RECEIVER_PID on 127.0.0.1:$RECEIVER_PORT (${cmd[0]##*/}), db $db, synchronous ${SYNCHRONOUS:-FULL}"
  local deadline=$((SECONDS + ${START_TIMEOUT:-240})) status=""
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$RECEIVER_PID" 2>/dev/null; then
      tail -20 "$RECEIVER_LOG" >&2
      RECEIVER_PID=""
      die "the receiver exited during start-up (log above)"
    fi
    status="$(http_status /health)"
    if [ "$status" = "200" ]; then
      say "receiver: ready after $((SECONDS + ${START_TIMEOUT:-240} - deadline)) s"
      # The receiver logs the settings SQLite really got (e.g. synchronous=2 is FULL, 1 NORMAL).
      local settings
      settings="$(grep -o 'receiver ready:.*' "$RECEIVER_LOG" 2>/dev/null | head -1 || true)"
      [ -z "$settings" ] || say "receiver: log says \"$settings\""
      return 0
    fi
    sleep 1
  done
  tail -20 "$RECEIVER_LOG" >&2
  die "the receiver was not ready within ${START_TIMEOUT:-240} s (last /health status: ${status:-none})"
}

# CPU ticks (user + system) used so far by a process.
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }

# Waits (at most IDLE_TIMEOUT s, default 30) until the receiver uses under a fifth of a core over
# 2 s: right after /health it is often still compiling and deploying in the background, which would
# skew the first measurements (the SQLite reference before the load and the 1-client level).
wait_receiver_idle() {
  local hz deadline t0 t1
  hz="$(getconf CLK_TCK 2>/dev/null || echo 100)"
  deadline=$((SECONDS + ${IDLE_TIMEOUT:-30}))
  while [ "$SECONDS" -lt "$deadline" ]; do
    t0="$(cpu_ticks "$RECEIVER_PID")"
    sleep 2
    t1="$(cpu_ticks "$RECEIVER_PID")"
    if [ $((t1 - t0)) -lt $((2 * hz / 5)) ]; then
      say "receiver: idle ($(((t1 - t0) * 50 / hz))% of a core over 2 s)"
      return 0
    fi
  done
  say "receiver: still busy after ${IDLE_TIMEOUT:-30} s ($(((t1 - t0) * 50 / hz))% of a core); going on"
}

# Resident memory of the receiver's JVM: current and peak (VmHWM), in MiB.
receiver_rss() {
  [ -n "$RECEIVER_PID" ] && [ -r "/proc/$RECEIVER_PID/status" ] || return 0
  awk '/^VmRSS:/ {rss=$2} /^VmHWM:/ {hwm=$2}
       END {printf "receiver RSS: %.0f MiB now, %.0f MiB peak (VmHWM)\n", rss/1024, hwm/1024}' \
    "/proc/$RECEIVER_PID/status"
}

stop_receiver() {
  [ -n "$RECEIVER_PID" ] || return 0
  local pid="$RECEIVER_PID" i
  RECEIVER_PID=""
  # Signal the group only when the receiver really leads it (setsid did not fork), else the PID.
  local target="$pid"
  if [ "$(ps -o pgid= -p "$pid" 2>/dev/null | tr -d ' ')" = "$pid" ]; then
    target="-$pid"
  fi
  kill -TERM -- "$target" 2>/dev/null || true
  for i in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL -- "$target" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
  say "receiver: stopped (pid $pid)"
}

# One benchmark run's scratch directory $WORK (removed on exit unless KEEP=1), the receiver stopped
# on any exit, and fresh random secrets exported for it.
prepare_run() {
  WORK="$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/$1-bench.XXXXXX")"
  trap finish_run EXIT
  trap 'exit 130' INT TERM
  RECEIVER_READ_TOKEN="$(random_hex 24)"
  RECEIVER_HMAC_KEY="$(random_hex 32)"
  export RECEIVER_READ_TOKEN RECEIVER_HMAC_KEY
}

finish_run() {
  local rc=$?
  stop_receiver
  stop_postgres
  if [ "${KEEP:-0}" = "1" ]; then
    say "scratch files kept in $WORK"
  else
    rm -rf -- "$WORK"
  fi
  exit "$rc"
}
