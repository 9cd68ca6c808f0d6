#!/usr/bin/env bash
# What measuring costs: the collector's snapshot next to procps `ps` on the same process tree, the
# collector's own CPU and RSS in a steady run, and JMH figures for the parsers.
#
#   bench/overhead.sh                 # snapshot + steady (DURATION=180 s) + jmh: under 5 minutes
#   bench/overhead.sh snapshot        # only the snapshot table
#   DURATION=300 bench/overhead.sh steady   # the collector for 5 minutes at 1 s beside ~500 processes
#   REFERENCE_JAR=/tmp/old.jar bench/overhead.sh steady   # and a reference jar beside it, same window
#     (COLLECTOR_JAVA_OPTS reaches both; REFERENCE_JAVA_OPTS, when set, the reference instead)
#   PIDNS=1 bench/overhead.sh steady  # in a PID namespace of its own: only its ~500 processes seen
#   bench/overhead.sh jmh             # parser microbenchmarks (./mvnw -Pjmh)
#
# Snapshot: one tick of the collector (list /proc, read stat of every process and cgroup of new or
# due ones, compute rates) in a warm loop, median wall and CPU time; `ps -e -o pid,ppid,utime,stime,rss,cgroup`
# run the same number of times on the same tree, wall and CPU per run (its start-up included: that
# is what a ps-based sampler pays; the `ps -p 1` line shows that fixed part). On the real /proc at
# its current size and with 1,000 and 5,000 extra sleeping processes. procps refuses any /proc that
# is not a real procfs ("Error, do this: mount -t proc proc /proc"), so the synthetic trees of real
# files (100, 1,000, 5,000 processes) are timed for the collector only.
# Targets: snapshot <= 1.0x ps on the real /proc; <= 1 % of one core steady; RSS <= 64 MiB.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd -P)"
root="$(cd "$here/.." && pwd -P)"
jar="${COLLECTOR_JAR:-$root/collector/target/collector.jar}"
mode="${1:-all}"
duration="${DURATION:-180}"
bench_java=(java -XX:+UseSerialGC -Xmx64m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData)

die() { echo "overhead: $*" >&2; exit 2; }
# PIDNS=1: run in a new PID namespace with its own /proc, so the collectors see the benchmark's
# ~500 processes and not every process of a shared machine (as a sidecar sees its pod's).
if [[ "${PIDNS:-0}" == 1 && -z "${RM_OVERHEAD_IN_PIDNS:-}" ]]; then
  command -v unshare >/dev/null || die "PIDNS=1 needs unshare (util-linux) and root"
  exec unshare --pid --fork --mount-proc env RM_OVERHEAD_IN_PIDNS=1 "$0" "$@"
fi
[[ -f "$jar" ]] || die "$jar not found; build it: ./mvnw -pl ee-common,collector -am package -DskipTests"
work="$(mktemp -d "${TMPDIR:-/tmp}/rm-overhead.XXXXXX")"
helpers=()
cleanup() {
  for p in "${helpers[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

load() { cut -d' ' -f1-3 /proc/loadavg; }
nprocs() { find /proc -maxdepth 1 -name '[0-9]*' | wc -l; }

# N sleeping processes under one helper shell that ends them all on SIGTERM.
start_sleepers() {
  bash -c 'trap "kill \$(jobs -p) 2>/dev/null; exit 0" TERM
           for _ in $(seq '"$1"'); do sleep 3600 & done; wait' &
  sleepers=$!
  helpers+=("$sleepers")
  local want=$(($1 * 95 / 100)) have
  for _ in $(seq 600); do
    have=$(pgrep -c -P "$sleepers" || true)
    [[ "$have" -ge "$want" ]] && break
    sleep 0.1
  done
}
stop_sleepers() {
  kill -TERM "$sleepers" 2>/dev/null || true
  wait "$sleepers" 2>/dev/null || true
  helpers=("${helpers[@]/$sleepers/}")
}

# Collector snapshot in a warm loop: "processes N wall_p50 … cpu_p90 …"
collector_snapshot() { "${bench_java[@]}" -cp "$jar" "$root/bench/collector/SnapshotBench.java" "$1" "$2"; }
# ps run $2 times: prints "wall_ms cpu_ms" per run
ps_runs() {
  local t
  t=$( { TIMEFORMAT='%R %U %S'; time (for _ in $(seq "$2"); do $1 >/dev/null; done); } 2>&1 )
  awk -v n="$2" '{printf "%.3f %.3f", $1 * 1000 / n, ($2 + $3) * 1000 / n}' <<<"$t"
}

snapshot() {
  command -v ps >/dev/null || die "needs procps ps"
  echo "== snapshot cost (ms per snapshot; collector warm, median of N; ps per run, start-up included)"
  echo "   load average $(load), $(nproc) cores, $(ps --version)"
  printf '%-34s %6s | %9s %9s | %9s %9s | %9s %9s\n' "tree" "procs" "coll.wall" "coll.cpu" \
    "ps wall" "ps cpu" "ratio wall" "ratio cpu"
  local extra
  for extra in ${EXTRA:-0 1000 5000}; do
    [[ "$extra" -gt 0 ]] && start_sleepers "$extra"
    local iters=$((extra >= 5000 ? 20 : extra >= 1000 ? 60 : 200))
    local runs=$((extra >= 5000 ? 10 : extra >= 1000 ? 20 : 50))
    local c p
    c=$(collector_snapshot /proc "$iters")
    p=$(ps_runs "ps -e -o pid,ppid,utime,stime,rss,cgroup" "$runs")
    # shellcheck disable=SC2086
    set -- $c $p
    printf '%-34s %6s | %9.2f %9.2f | %9.2f %9.2f | %9.2f %9.2f\n' "real /proc (+$extra sleeping)" "$2" \
      "$4" "$8" "${11}" "${12}" "$(awk -v a="$4" -v b="${11}" 'BEGIN {print a / b}')" \
      "$(awk -v a="$8" -v b="${12}" 'BEGIN {print a / b}')"
    [[ "$extra" -gt 0 ]] && stop_sleepers
  done
  local fixed
  fixed=$(ps_runs "ps -p 1 -o pid" 50)
  printf '%-34s %6s | %9s %9s | %9.2f %9.2f |\n' "ps -p 1 -o pid (ps fixed cost)" 1 "" "" ${fixed}
  local n
  for n in ${SIZES:-100 1000 5000}; do
    "${bench_java[@]}" -cp "$jar" "$root/bench/collector/SnapshotBench.java" --make-tree "$work/tree$n" "$n"
    local iters=$((n >= 5000 ? 20 : n >= 1000 ? 60 : 200)) c
    c=$(collector_snapshot "$work/tree$n" "$iters")
    # shellcheck disable=SC2086
    set -- $c
    printf '%-34s %6s | %9.2f %9.2f | %9s %9s |\n' "synthetic tree of real files" "$2" "$4" "$8" "n/a" "n/a"
    rm -rf "$work/tree$n"
  done
  echo "   load average after $(load)"
}

# One collector for the steady run: starts it (a child of this shell, so it can be waited for),
# sets started_pid, and waits for its first tick.
start_collector() {
  COLLECTOR_JAVA_OPTS="$3" COLLECTOR_JAR="$1" "$root/bin/collector" --interval=1s >"$work/steady-$2.json" 2>"$work/steady-$2.log" &
  started_pid=$!
  for _ in $(seq 300); do grep -q 'tick 1:' "$work/steady-$2.log" 2>/dev/null && break; sleep 0.1; done
}
cpu_ticks() { awk '{sub(/.*\) /, ""); print $12 + $13}' "/proc/$1/stat"; }
# "thread-name ticks" per thread of a process (names may hold spaces: joined with _).
thread_ticks() {
  local t
  for t in /proc/"$1"/task/*/stat; do
    awk '{c = $0; sub(/^[0-9]+ \(/, "", c); sub(/\) [^)]*$/, "", c); gsub(/ /, "_", c);
      s = $0; sub(/.*\) /, "", s); split(s, f, " "); print c, f[12] + f[13]}' "$t" 2>/dev/null
  done | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | LC_ALL=C sort
}
status_kib() { awk -v k="$2:" '$1 == k {print $2}' "/proc/$1/status"; }

# Steady state. With REFERENCE_JAR, a second collector from that jar runs beside the first over
# the same processes and the same wall-clock window, so both see the same load: on a shared
# machine that side-by-side ratio is the figure that holds, not the absolute percentages.
steady() {
  echo "== collector steady state: --interval=1s for ${duration} s beside ~500 live processes (bin/collector flags)"
  start_sleepers 500
  echo "   processes visible: $(nprocs); load average $(load)"
  local tags=(new) jars=("$jar") opts=("${COLLECTOR_JAVA_OPTS:-}") pids=()
  if [[ -n "${REFERENCE_JAR:-}" ]]; then
    [[ -f "$REFERENCE_JAR" ]] || die "$REFERENCE_JAR not found"
    tags+=(reference); jars+=("$REFERENCE_JAR"); opts+=("${REFERENCE_JAVA_OPTS-${COLLECTOR_JAVA_OPTS:-}}")
  fi
  local i
  for i in "${!tags[@]}"; do
    start_collector "${jars[i]}" "${tags[i]}" "${opts[i]}"
    pids[i]=$started_pid
    helpers+=("${pids[i]}")
  done
  local tck t0 t1 cpu0=() cpu1=() rss_max=() hwm=() rss=() r
  tck=$(getconf CLK_TCK)
  for i in "${!tags[@]}"; do cpu0[i]=$(cpu_ticks "${pids[i]}"); rss_max[i]=0; done
  thread_ticks "${pids[0]}" >"$work/threads0"
  t0=$(date +%s.%N)
  for _ in $(seq $((duration / 10))); do
    sleep 10
    for i in "${!tags[@]}"; do
      r=$(status_kib "${pids[i]}" VmRSS)
      [[ "$r" -gt "${rss_max[i]}" ]] && rss_max[i]=$r
    done
  done
  for i in "${!tags[@]}"; do cpu1[i]=$(cpu_ticks "${pids[i]}"); done
  t1=$(date +%s.%N)
  thread_ticks "${pids[0]}" >"$work/threads1"
  for i in "${!tags[@]}"; do
    hwm[i]=$(status_kib "${pids[i]}" VmHWM)
    rss[i]=$(status_kib "${pids[i]}" VmRSS)
  done
  local load_end
  load_end=$(load)
  for i in "${!tags[@]}"; do
    kill -TERM "${pids[i]}"
    wait "${pids[i]}" || true
    helpers=("${helpers[@]/${pids[i]}/}")
  done
  stop_sleepers
  local pct=()
  for i in "${!tags[@]}"; do
    local reads
    reads=$(grep -o 'read [0-9.]* ms' "$work/steady-${tags[i]}.log" | awk '{print $2}' | sort -n |
      awk '{a[NR] = $1} END {printf "p50 %s ms, p90 %s ms", a[int(NR / 2) + 1], a[int(NR * 0.9)]}')
    [[ "${#tags[@]}" -gt 1 ]] && echo "   ${tags[i]}: ${jars[i]}"
    awk -v c0="${cpu0[i]}" -v c1="${cpu1[i]}" -v t0="$t0" -v t1="$t1" -v hz="$tck" -v rss="${rss[i]}" \
      -v max="${rss_max[i]}" -v hwm="${hwm[i]}" \
      'BEGIN {cpu = (c1 - c0) / hz; wall = t1 - t0;
        printf "   collector CPU %.2f s in %.0f s = %.3f %% of one core (target <= 1 %%: %s)\n", cpu, wall, 100 * cpu / wall, (100 * cpu / wall <= 1 ? "MET" : "MISSED");
        printf "   RSS at the end %.1f MiB, highest seen %.1f MiB, VmHWM %.1f MiB (target <= 64 MiB: %s)\n", rss / 1024, max / 1024, hwm / 1024, (hwm / 1024 <= 64 ? "MET" : "MISSED")}'
    echo "   tick read times: $reads"
    pct[i]=$((cpu1[i] - cpu0[i]))
  done
  # Where the first collector's CPU went, per JVM thread (java = the sampling thread).
  LC_ALL=C join -a 2 "$work/threads0" "$work/threads1" |
    awk -v hz="$tck" -v wall="$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')" \
      'NF == 3 {d = $3 - $2} NF == 2 {d = $2} d > 0 {printf "%s %.3f\n", $1, 100 * d / hz / wall}' |
    sort -k2 -rn | awk 'BEGIN {printf "   per thread (%% of one core):"} {printf " %s %s;", $1, $2} END {print ""}'
  if [[ "${#tags[@]}" -gt 1 ]]; then
    awk -v a="${pct[0]}" -v b="${pct[1]}" \
      'BEGIN {if (b > 0) printf "   new / reference CPU, same processes and window: %.3f\n", a / b}'
  fi
  echo "   load average at the end $load_end"
}

jmh() {
  echo "== JMH: parsers and one process read (./mvnw -Pjmh; not part of verify)"
  (cd "$root" && ./mvnw -q -pl collector -Pjmh test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/jmh.classpath -Dmdep.includeScope=test >/dev/null)
  java -cp "$root/collector/target/test-classes:$root/collector/target/classes:$(cat "$root/collector/target/jmh.classpath")" \
    org.openjdk.jmh.Main -f 1 -wi 2 -w 1s -i 3 -r 1s -tu us -bm avgt "${JMH_FILTER:-ParserBench}" 2>&1 |
    sed -n '/^Benchmark/,$p'
}

case "$mode" in
  snapshot) snapshot ;;
  steady) steady ;;
  jmh) jmh ;;
  all) snapshot; echo; steady; echo; jmh ;;
  *) die "unknown mode $mode: snapshot, steady, jmh or all" ;;
esac
