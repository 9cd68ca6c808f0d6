package dev.runnermetrics.collector.sampling;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything one tick measured.
 *
 * @param elapsedSeconds monotonic time since the previous tick, the denominator of every rate
 * @param cpuTotalPercent system-wide busy share from {@code /proc/stat}, 0–100
 * @param memUsedBytes MemTotal − MemAvailable
 * @param readNanos how long reading and computing the tick took
 * @param systemPressure the host's {@code /proc/pressure/*}
 * @param vanished processes seen at the previous tick and gone now
 * @param cpuTotalCores system-wide busy CPU in cores (busy ticks of {@code /proc/stat} ÷ elapsed)
 * @param departed the cgroup files, read once more, of containers whose last process vanished
 */
public record TickSample(
    Instant time,
    double elapsedSeconds,
    double cpuTotalPercent,
    long memUsedBytes,
    List<ContainerSample> containers,
    List<ProcessSample> processes,
    long readNanos,
    PressureReading systemPressure,
    List<VanishedProcess> vanished,
    double cpuTotalCores,
    Map<String, CgroupReading> departed) {
  public TickSample {
    containers = List.copyOf(containers);
    processes = List.copyOf(processes);
    vanished = List.copyOf(vanished);
    departed = Map.copyOf(departed);
  }

  /** A tick without host pressure or vanished processes. */
  public TickSample(
      Instant time,
      double elapsedSeconds,
      double cpuTotalPercent,
      long memUsedBytes,
      List<ContainerSample> containers,
      List<ProcessSample> processes,
      long readNanos) {
    this(
        time,
        elapsedSeconds,
        cpuTotalPercent,
        memUsedBytes,
        containers,
        processes,
        readNanos,
        PressureReading.NONE,
        List.of(),
        cpuTotalPercent / 100.0 * Runtime.getRuntime().availableProcessors(),
        Map.of());
  }
}
