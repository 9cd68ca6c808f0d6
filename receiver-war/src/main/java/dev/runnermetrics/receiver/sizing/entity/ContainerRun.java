package dev.runnermetrics.receiver.sizing.entity;

import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.common.summary.Stats;
import java.time.Instant;
import java.util.Objects;

/**
 * One container in one run, with the figures the sizing method reads. CPU in cores, memory in
 * bytes, durations in seconds. A figure an older collector did not send is null (unknown), never 0:
 * {@code cgroupMemoryBytes}, {@code cgroupMemoryPeakBytes}, the limits and their sources, {@code
 * oomKills}, {@code cpuPeriods}, {@code cpuThrottledRatio}, {@code cpuThrottledSeconds}, {@code
 * memoryNearLimit}.
 *
 * @param runId the run's identifier as pushed
 * @param time when the run ended (or was received): orders the runs, newest first
 * @param sampleCount ticks the collector took over the run; fewer than two gives no usable rates
 * @param memoryBytes the RSS sum of the container's processes
 * @param cgroupMemoryBytes the cgroup's own memory figure per tick (page cache included)
 * @param cgroupMemoryPeakBytes the kernel's high-water mark of the cgroup
 */
public record ContainerRun(
    String runId,
    Instant time,
    double durationSeconds,
    long sampleCount,
    String container,
    Stats cpuCores,
    Stats memoryBytes,
    Stats cgroupMemoryBytes,
    Long cgroupMemoryPeakBytes,
    Double cpuLimitCores,
    String cpuLimitSource,
    Long memoryLimitBytes,
    String memoryLimitSource,
    Long oomKills,
    Long cpuPeriods,
    Double cpuThrottledRatio,
    Double cpuThrottledSeconds,
    Boolean memoryNearLimit) {

  /** Requires the identity and the always-present figures; the optional ones may be null. */
  public ContainerRun {
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(cpuCores, "cpuCores");
    Objects.requireNonNull(memoryBytes, "memoryBytes");
  }

  /** The row of {@code container} in a stored run, as the contract carries it. */
  public static ContainerRun of(
      String runId, Instant time, RunSummary summary, ContainerSummary container) {
    return new ContainerRun(
        runId,
        time,
        summary.durationSeconds(),
        summary.sampleCount(),
        container.name(),
        container.cpuCores(),
        container.memoryBytes(),
        container.cgroupMemoryBytes(),
        container.cgroupMemoryPeakBytes(),
        container.cpuLimitCores(),
        container.cpuLimitSource(),
        container.memoryLimitBytes(),
        container.memoryLimitSource(),
        container.oomKills(),
        container.cpuPeriods(),
        container.cpuThrottledRatio(),
        container.cpuThrottledSeconds(),
        container.memoryNearLimit());
  }

  /**
   * The memory peak the OOM killer compares with the limit: the cgroup's own figure when the run
   * has it (its high-water mark, or the highest tick), else the RSS sum's peak.
   */
  public long memoryPeak() {
    if (hasCgroupMemory()) {
      long peak = cgroupMemoryPeakBytes == null ? 0 : cgroupMemoryPeakBytes;
      double ticks = cgroupMemoryBytes == null ? 0 : cgroupMemoryBytes.peak();
      return Math.max(peak, (long) Math.ceil(ticks));
    }
    return (long) Math.ceil(memoryBytes.peak());
  }

  /** The mean memory over the run: the cgroup's per-tick figure where the run has it, else RSS. */
  public double memoryAverage() {
    if (cgroupMemoryBytes != null) {
      return cgroupMemoryBytes.avg();
    }
    return memoryBytes.avg();
  }

  /** Whether the run carries the kernel's memory figure of the cgroup. */
  public boolean hasCgroupMemory() {
    return cgroupMemoryPeakBytes != null || cgroupMemoryBytes != null;
  }

  /** Whether the collector saw the run long enough to give rates: two ticks and some time. */
  public boolean complete() {
    return sampleCount >= 2 && durationSeconds > 0;
  }

  /** Whether the kernel reported at least one OOM kill in the container (false when unknown). */
  public boolean oomKilled() {
    return oomKills != null && oomKills > 0;
  }

  /** Hours of the run, the unit of waste. */
  public double hours() {
    return durationSeconds / 3600.0;
  }
}
