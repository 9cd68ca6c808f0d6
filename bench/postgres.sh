# A throwaway PostgreSQL server for ENGINE=postgresql bench/ingest.sh (sourced by lib.sh, not run).
# Uses the machine's PostgreSQL binaries (Debian: apt-get install postgresql); the cluster lives
# in the run's scratch directory, listens on a free loopback port only, keeps PostgreSQL's default
# durability (fsync=on, synchronous_commit=on) and is stopped on any exit by finish_run.
# When run as root, the server runs as the 'postgres' user (PostgreSQL refuses root).

PG_DIR=""
PG_PORT=""
PG_USER="bench"
PG_PASSWORD=""
PG_RUN_AS=()

postgres_bin() {
  local d
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r) "$(dirname "$(command -v initdb 2>/dev/null || echo /x/x)")"; do
    if [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then
      printf '%s\n' "$d"
      return 0
    fi
  done
  return 1
}

# The PostgreSQL JDBC driver: the one inside the built WAR, else the local Maven repository.
postgres_jar() {
  local j
  for j in "$ROOT"/receiver-war/target/receiver/WEB-INF/lib/postgresql-*.jar \
    "$HOME"/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar; do
    if [ -f "$j" ]; then
      printf '%s\n' "$j"
      return 0
    fi
  done
  return 1
}

# start_postgres DIR: initdb + start; exports PG_URL (database "receiver"), PG_USER and PG_PASSWORD.
start_postgres() {
  PG_DIR="$1"
  local bin
  bin="$(postgres_bin)" || die "ENGINE=postgresql needs PostgreSQL's server binaries (apt-get install postgresql)"
  POSTGRES_JAR="$(postgres_jar)" || die "no PostgreSQL JDBC jar found (build receiver-war first)"
  PG_PORT="$(free_port)" || die "no free loopback port for PostgreSQL"
  PG_PASSWORD="$(random_hex 16)"
  mkdir -p "$PG_DIR"
  printf '%s\n' "$PG_PASSWORD" >"$PG_DIR/pwfile"
  PG_RUN_AS=()
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || die "running as root needs a 'postgres' user to run PostgreSQL as"
    PG_RUN_AS=(setpriv --reuid=postgres --regid=postgres --init-groups)
    chmod o+x "$WORK"
    chown -R postgres: "$PG_DIR"
  fi
  "${PG_RUN_AS[@]}" "$bin/initdb" -D "$PG_DIR/data" -U "$PG_USER" --pwfile="$PG_DIR/pwfile" \
    -A scram-sha-256 -E UTF8 --no-instructions >"$PG_DIR/initdb.log" 2>&1 ||
    { tail -5 "$PG_DIR/initdb.log" >&2; die "initdb failed"; }
  "${PG_RUN_AS[@]}" "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR -c fsync=on -c synchronous_commit=on ${PG_EXTRA_OPTIONS:-}" \
    start >/dev/null || { tail -5 "$PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  PG_BIN="$bin"
  PGPASSWORD="$PG_PASSWORD" psql -q -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres \
    -c "CREATE DATABASE receiver" >/dev/null || die "could not create the receiver's database"
  PG_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/receiver"
  export PG_URL PG_USER PG_PASSWORD
  say "postgresql: $("$bin/postgres" --version | awk '{print $NF}') on 127.0.0.1:$PG_PORT, data in $PG_DIR/data (fsync=on, synchronous_commit=on)"
}

stop_postgres() {
  [ -n "$PG_DIR" ] && [ -n "${PG_BIN:-}" ] || return 0
  "${PG_RUN_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  PG_DIR=""
  say "postgresql: stopped"
}

# PostgresBaseline with the server's connection; arguments are passed on.
postgres_baseline() {
  PGPASSWORD="$PG_PASSWORD" "$JAVA" -cp "$POSTGRES_JAR" "$BENCH/PostgresBaseline.java" \
    --url="$PG_URL" --user="$PG_USER" "$@"
}
