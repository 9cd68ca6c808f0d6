package dev.runnermetrics.collector.sampling;

/**
 * One container in one tick: the sums over its processes, or the kernel's counters of its cgroup.
 *
 * @param cpuCores CPU since the previous tick ÷ the elapsed time
 * @param cpuSeconds CPU since the previous tick, in seconds (the numerator of {@code cpuCores})
 * @param cpuFromCgroup whether the CPU figures came from the cgroup's counter rather than /proc
 * @param memoryBytes the RSS sum over its processes
 * @param cgroupMemoryBytes the cgroup's current memory figure; −1 when not readable
 * @param cgroupMemoryPeakBytes the cgroup's high-water mark; −1 when not readable
 * @param cgroup the cgroup's event counters, throttling, pressure and limits ({@link
 *     CgroupReading#NONE} when not readable)
 */
public record ContainerSample(
    String name,
    double cpuCores,
    long memoryBytes,
    double cpuSeconds,
    boolean cpuFromCgroup,
    long cgroupMemoryBytes,
    long cgroupMemoryPeakBytes,
    CgroupReading cgroup) {

  /** A container without the cgroup's event, throttling, pressure and limit files. */
  public ContainerSample(
      String name,
      double cpuCores,
      long memoryBytes,
      double cpuSeconds,
      boolean cpuFromCgroup,
      long cgroupMemoryBytes,
      long cgroupMemoryPeakBytes) {
    this(
        name,
        cpuCores,
        memoryBytes,
        cpuSeconds,
        cpuFromCgroup,
        cgroupMemoryBytes,
        cgroupMemoryPeakBytes,
        CgroupReading.NONE);
  }

  /** A container measured from /proc alone. */
  public ContainerSample(String name, double cpuCores, long memoryBytes) {
    this(name, cpuCores, memoryBytes, 0, false, -1, -1);
  }
}
