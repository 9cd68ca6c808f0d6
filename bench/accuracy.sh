#!/usr/bin/env bash
# Accuracy of the collector's container CPU against the kernel's own accounting of a real cgroup.
#
# A build-like workload runs in a fresh cgroup: a shell loop and a `make -j2` fan-out start
# short processes of 5-50 ms CPU each (PROCS in all, default 2000), beside one long-running process
# that works half of the time. Two collectors watch it at the same time, both at 1 s in proc-only
# mode: one with exited-process accounting (the default), one without (the plain per-process sum).
# The kernel's counter of the cgroup (cpuacct.usage on v1, cpu.stat usage_usec on v2) is read before
# and after. Then one process spins alone in a second cgroup for SPIN seconds: its cores as the
# collector saw them. Needs root (to create cgroups), cc, make, java, jq.
#
#   bench/accuracy.sh                 # PROCS=2000 SPIN=10
#   PROCS=500 bench/accuracy.sh       # quicker
#   REFERENCE_JAR=/tmp/old.jar bench/accuracy.sh   # a third collector from that jar (exited
#                                     # accounting) watches the same workload: before/after in one run
# Targets: proc-only within 3 % of the kernel; a single busy process 1.00 +- 0.05 cores.
set -euo pipefail

here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd -P)"
root="$here/.."
jar="${COLLECTOR_JAR:-$root/collector/target/collector.jar}"
procs="${PROCS:-2000}"
spin="${SPIN:-10}"
interval="${INTERVAL:-1s}"
java_opts=(-XX:+UseSerialGC -Xms8m -Xmx32m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData)

die() { echo "accuracy: $*" >&2; exit 2; }
[[ -f "$jar" ]] || die "$jar not found; build it: ./mvnw -pl ee-common,collector -am package -DskipTests"
for tool in cc make jq java; do command -v "$tool" >/dev/null || die "needs $tool"; done

work="$(mktemp -d "${TMPDIR:-/tmp}/rm-accuracy.XXXXXX")"
name="rm-accuracy-$$"
groups=()
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for g in "${groups[@]}"; do
    for _ in $(seq 50); do rmdir "$g" 2>/dev/null && break; sleep 0.1; done
  done
  rm -rf "$work"
}
trap cleanup EXIT

# --- the burner: spins until its own CPU time reaches N ms (exact CPU, whatever the load) ---
cat >"$work/burn.c" <<'EOF'
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
static double clk(clockid_t c) { struct timespec t; clock_gettime(c, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static void cpu(double s) { double end = clk(CLOCK_PROCESS_CPUTIME_ID) + s; while (clk(CLOCK_PROCESS_CPUTIME_ID) < end) {} }
int main(int argc, char **argv) {
  if (argc > 2 && strcmp(argv[1], "-duty") == 0) { for (;;) { cpu(0.05); usleep(50000); } }   /* long-running, half busy */
  if (argc > 2 && strcmp(argv[1], "-spin") == 0) { double end = clk(CLOCK_MONOTONIC) + atof(argv[2]); while (clk(CLOCK_MONOTONIC) < end) {} return 0; }
  cpu(atoi(argv[1]) / 1000.0);
  return 0;
}
EOF
cc -O1 -o "$work/burn" "$work/burn.c"

# --- cgroups: v1 cpuacct (+ cpu for a full core, + memory so the collector names the container) or v2 ---
self_path() { awk -F: -v c="$1" '$2 ~ "(^|,)" c "(,|$)" {print $3; exit}' /proc/self/cgroup; }
make_group() { # $1 = group name; sets $dir to the directory whose counter is read
  local g="$1"
  if [[ -f /sys/fs/cgroup/cpuacct/cpuacct.usage ]]; then
    dir="/sys/fs/cgroup/cpuacct$(self_path cpuacct)/$g"; dir="${dir//\/\///}"
    mkdir "$dir"; groups+=("$dir")
    local cpu="/sys/fs/cgroup/cpu$(self_path cpu)/$g"; cpu="${cpu//\/\///}"
    if [[ -d /sys/fs/cgroup/cpu && "$cpu" != "$dir" ]] && mkdir "$cpu" 2>/dev/null; then
      groups+=("$cpu"); echo 262144 >"$cpu/cpu.shares"
    fi
    local mem="/sys/fs/cgroup/memory$(self_path memory)/$g"; mem="${mem//\/\///}"
    if [[ -d /sys/fs/cgroup/memory ]] && mkdir "$mem" 2>/dev/null; then groups+=("$mem"); fi
  else
    local base=/sys/fs/cgroup; [[ -f $base/cgroup.controllers ]] || base=/sys/fs/cgroup/unified
    dir="$base$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)/$g"; dir="${dir//\/\///}"
    mkdir "$dir"; groups+=("$dir")
    echo 10000 >"$dir/cpu.weight" 2>/dev/null || true
  fi
}
join_group() { # $1 = group name, $2 = pid: into every hierarchy where the group exists
  for g in "${groups[@]}"; do
    if [[ "$(basename "$g")" == "$1" ]]; then echo "$2" >"$g/cgroup.procs"; fi
  done
}
kernel_ns() { # CPU of the group in ns
  if [[ -f "$1/cpuacct.usage" ]]; then cat "$1/cpuacct.usage"
  else echo $(( $(awk '$1 == "usage_usec" {print $2}' "$1/cpu.stat") * 1000 )); fi
}

make_group "$name" || die "cannot create a cgroup (needs root and a writable /sys/fs/cgroup)"
work_dir="$dir"
make_group "$name-spin" || die "cannot create a cgroup"
spin_dir="$dir"

# --- the workload's make file: PROCS/2 targets of 5-50 ms, fixed by a seeded RANDOM ---
half=$((procs / 2))
RANDOM=42
{
  printf '.PHONY: all'; for i in $(seq "$half"); do printf ' t%d' "$i"; done; printf '\nall:'
  for i in $(seq "$half"); do printf ' t%d' "$i"; done; printf '\n'
  for i in $(seq "$half"); do printf 't%d:\n\t@%s %d\n' "$i" "$work/burn" $((5 + RANDOM % 46)); done
} >"$work/Makefile"
loop_ms=()
for i in $(seq $((procs - half))); do loop_ms+=($((5 + RANDOM % 46))); done
cat >"$work/workload.sh" <<EOF
#!/usr/bin/env bash
"$work/burn" -duty 1 & duty=\$!
for ms in ${loop_ms[*]}; do "$work/burn" "\$ms"; done
make -s -j2 -f "$work/Makefile" all
kill \$duty; wait \$duty 2>/dev/null
exit 0
EOF
chmod +x "$work/workload.sh"
expected_ms=$(( $(printf '%s\n' "${loop_ms[@]}" | awk '{s+=$1} END {print s}') + $(grep -o 'burn [0-9]*' "$work/Makefile" | awk '{s+=$2} END {print s}') ))

# --- two collectors: with and without exited-process accounting ---
start_collector() { # $1 = label, $2 = count-exited, $3 = jar
  java "${java_opts[@]}" -jar "${3:-$jar}" --interval="$interval" --cpu-source=proc --count-exited="$2" \
    >"$work/$1.json" 2>"$work/$1.log" &
  pids+=($!)
}
labels=(counted plain)
start_collector counted true
start_collector plain false
if [[ -n "${REFERENCE_JAR:-}" ]]; then
  [[ -f "$REFERENCE_JAR" ]] || die "$REFERENCE_JAR not found"
  labels+=(reference)
  start_collector reference true "$REFERENCE_JAR"
fi
collectors=${#labels[@]}
for label in "${labels[@]}"; do
  for _ in $(seq 300); do grep -q 'tick 1:' "$work/$label.log" 2>/dev/null && break; sleep 0.1; done
  grep -q 'tick 1:' "$work/$label.log" || { cat "$work/$label.log" >&2; die "collector $label did not start"; }
done

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)   ($(nproc) cores)"
before=$(kernel_ns "$work_dir")
t0=$(date +%s.%N)
mkfifo "$work/go" "$work/go2"
bash -c 'echo $$ > "'"$work"'/wl.pid"; read -r _ < "'"$work"'/go"; exec "'"$work"'/workload.sh"' &
wl=$!; pids+=($wl)
# wait until the workload shell wrote its pid, move it, then let it run
for _ in $(seq 100); do [[ -s "$work/wl.pid" ]] && break; sleep 0.02; done
join_group "$name" "$wl"
echo go >"$work/go"
wait "$wl"
t1=$(date +%s.%N)
after=$(kernel_ns "$work_dir")

# --- one busy process alone ---
spin_before=$(kernel_ns "$spin_dir")
bash -c 'read -r _ < "'"$work"'/go2"; exec "'"$work"'/burn" -spin '"$spin" &
sp=$!; pids+=($sp)
join_group "$name-spin" "$sp"
echo go >"$work/go2"
wait "$sp"
spin_after=$(kernel_ns "$spin_dir")

sleep 1.5 # one more tick after everything is reaped
for p in "${pids[@]:0:collectors}"; do kill -TERM "$p"; done
for p in "${pids[@]:0:collectors}"; do wait "$p" || true; done
pids=()
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"

kernel_s=$(awk -v a="$after" -v b="$before" 'BEGIN {printf "%.3f", (a - b) / 1e9}')
wall_s=$(awk -v a="$t1" -v b="$t0" 'BEGIN {printf "%.1f", a - b}')
cpu_s() { jq -r --arg n "$2" '[.containers[] | select(.name == $n) | .cpu_seconds] | add // 0' "$work/$1.json"; }
counted_s=$(cpu_s counted "$name")
plain_s=$(cpu_s plain "$name")
spin_kernel=$(awk -v a="$spin_after" -v b="$spin_before" -v s="$spin" 'BEGIN {printf "%.3f", (a - b) / 1e9 / s}')
spin_p50=$(jq -r --arg n "$name-spin" '.containers[] | select(.name == $n) | .cpu_cores.p50 * 1000 | round / 1000' "$work/counted.json")
spin_avg=$(jq -r --arg n "$name-spin" '.containers[] | select(.name == $n) | .cpu_cores.avg * 1000 | round / 1000' "$work/counted.json")
spin_proc=$(jq -r --arg n "$name-spin" '[.top_cpu_processes[] | select(.container == $n) | .avg_cpu_percent / 100 * 1000 | round / 1000] | first // "n/a"' "$work/counted.json")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.4f", a / b}'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN {d = r - 1; if (d < 0) d = -d; print (d <= t ? "MET" : "MISSED")}'; }
r_counted=$(ratio "$counted_s" "$kernel_s")
r_plain=$(ratio "$plain_s" "$kernel_s")
echo
echo "workload: $procs short processes (${expected_ms} ms CPU by design) + 1 long-running half-busy process, ${wall_s} s wall"
printf '%-52s %10s %8s\n' "method" "CPU-s" "ratio"
printf '%-52s %10.3f %8s\n' "kernel ($(basename "$(dirname "$work_dir")")/$name)" "$kernel_s" "1"
printf '%-52s %10.3f %8s   target 1 +- 0.03: %s\n' "collector, proc-only, exited accounting" "$counted_s" "$r_counted" "$(verdict "$r_counted" 0.03)"
printf '%-52s %10.3f %8s\n' "collector, plain per-process (--count-exited=false)" "$plain_s" "$r_plain"
if [[ -n "${REFERENCE_JAR:-}" ]]; then
  reference_s=$(cpu_s reference "$name")
  r_reference=$(ratio "$reference_s" "$kernel_s")
  printf '%-52s %10.3f %8s   (%s)\n' "reference jar, exited accounting" "$reference_s" "$r_reference" "$REFERENCE_JAR"
fi
echo
echo "single busy process for ${spin} s: collector p50 ${spin_p50} cores, avg ${spin_avg} (the process's own avg ${spin_proc}; ticks at its start and end are partial); kernel ${spin_kernel} cores"
echo "  target 1.00 +- 0.05 on the collector's p50: $(verdict "$spin_p50" 0.05)"
if [[ -n "${REFERENCE_JAR:-}" ]]; then
  ref_p50=$(jq -r --arg n "$name-spin" '.containers[] | select(.name == $n) | .cpu_cores.p50 * 1000 | round / 1000' "$work/reference.json")
  echo "  reference jar: p50 ${ref_p50} cores"
fi
