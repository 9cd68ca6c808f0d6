#!/usr/bin/env bash
# CPU stress workload for docker-compose-stress.yaml (service cpu-stress).
#
# Starts BURNERS copies of `yes > /dev/null` (default 2). Each one keeps a core
# busy, so the container sits at its CPU limit (compose `cpus:`). The busy
# processes are real executables named `yes` (comm "yes"), which is the name
# CGROUP_PROCESS_MAP uses to find this container's cgroup; this bash process
# lives in the same cgroup and is counted with them.
set -u

burners="${BURNERS:-2}"
pids=()

# Stop the burners too when compose stops the container.
trap 'kill "${pids[@]}" 2>/dev/null; exit 0' TERM INT

for ((i = 0; i < burners; i++)); do
  yes > /dev/null &
  pids+=("$!")
done
echo "cpu-burn: ${burners} burner(s) running: ${pids[*]}" >&2
wait
