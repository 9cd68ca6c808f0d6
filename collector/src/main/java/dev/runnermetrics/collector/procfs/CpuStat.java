package dev.runnermetrics.collector.procfs;

/**
 * CFS bandwidth counters of a cgroup since it was created: enforcement periods that elapsed,
 * periods in which the cgroup was throttled, and the time it spent throttled in ns. Null where this
 * kernel does not write the counter (v2 without the cpu controller enabled has none of them).
 */
public record CpuStat(Long periods, Long throttledPeriods, Long throttledNanos) {}
