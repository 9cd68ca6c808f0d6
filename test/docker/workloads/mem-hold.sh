#!/usr/bin/env bash
# Memory stress workload for docker-compose-stress.yaml (service mem-stress).
#
# Replaces itself with one awk process (comm "awk") that builds MEM_MIB
# distinct 1 MiB strings (default 256), so that much memory is really written
# and resident (VmRSS), then blocks on a FIFO that nobody ever opens for
# writing: no CPU is used while it holds the memory. SIGTERM ends it.
set -eu

mib="${MEM_MIB:-256}"
fifo="$(mktemp -u /tmp/mem-hold.XXXXXX)"
mkfifo "$fifo"

exec awk -v mib="$mib" -v fifo="$fifo" 'BEGIN {
  chunk = "x"
  while (length(chunk) < 1048576) chunk = chunk chunk
  # Each element is a new string (chunk plus its index): a plain copy of
  # chunk could share one buffer and hold nothing.
  for (i = 1; i <= mib; i++) held[i] = chunk i
  printf "mem-hold: holding %d MiB\n", mib > "/dev/stderr"
  fflush("/dev/stderr")
  getline line < fifo
}'
