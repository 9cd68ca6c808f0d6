package dev.runnermetrics.collector.sampling;

import dev.runnermetrics.collector.procfs.CpuStat;
import dev.runnermetrics.collector.procfs.MemoryEvents;

/**
 * What a container's own cgroup files said at one tick, beyond CPU time and memory: its memory
 * event counters, CFS throttling counters, pressure and limits. Counters are raw (since the cgroup
 * was created); the summary takes their rise. A limit is null when there is none or it could not be
 * read.
 *
 * @param cpuLimitCores from v2 {@code cpu.max} or v1 {@code cpu.cfs_quota_us}/{@code
 *     cpu.cfs_period_us}
 * @param memoryLimitBytes from v2 {@code memory.max} or v1 {@code memory.limit_in_bytes}
 * @param memoryHighBytes from v2 {@code memory.high}
 */
public record CgroupReading(
    MemoryEvents memoryEvents,
    CpuStat cpuStat,
    PressureReading pressure,
    Double cpuLimitCores,
    Long memoryLimitBytes,
    Long memoryHighBytes) {
  /** No cgroup file of the container was readable (or it shares its cgroup with another). */
  public static final CgroupReading NONE =
      new CgroupReading(
          MemoryEvents.NONE, new CpuStat(null, null, null), PressureReading.NONE, null, null, null);
}
