package dev.runnermetrics.collector.sampling;

import java.time.Instant;
import java.util.List;

/**
 * Everything one tick measured.
 *
 * @param elapsedSeconds monotonic time since the previous tick, the denominator of every rate
 * @param cpuTotalPercent system-wide busy share from {@code /proc/stat}, 0–100
 * @param memUsedBytes MemTotal − MemAvailable
 * @param readNanos how long reading and computing the tick took
 */
public record TickSample(
    Instant time,
    double elapsedSeconds,
    double cpuTotalPercent,
    long memUsedBytes,
    List<ContainerSample> containers,
    List<ProcessSample> processes,
    long readNanos) {
  public TickSample {
    containers = List.copyOf(containers);
    processes = List.copyOf(processes);
  }
}
