#!/bin/sh
# A pretend CI step: a few seconds of busy shell work and a burst of short-lived processes,
# the way a build runs compilers and test forks.
end=$(($(date +%s) + ${1:-4}))
n=0
while [ "$(date +%s)" -lt "$end" ]; do
  i=0
  while [ $i -lt 20000 ]; do i=$((i + 1)); done
  n=$((n + 1))
done
echo "workload: $n rounds done"
