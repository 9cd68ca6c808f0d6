package dev.runnermetrics.collector.sampling;

/**
 * How the sampler reads and counts.
 *
 * @param clockTicksPerSecond the kernel's USER_HZ ({@link ClockTicks})
 * @param pageSizeBytes the unit of {@code rss} in {@code /proc/[pid]/stat} ({@link PageSize})
 * @param countExited whether CPU that exited children left in their parents' cutime/cstime is
 *     counted (off: the plain per-process method, for comparison)
 * @param cgroupCounters whether containers whose cgroup is readable take their figures from the
 *     kernel's counters and files (off: /proc only)
 */
public record SamplerOptions(
    long clockTicksPerSecond, long pageSizeBytes, boolean countExited, boolean cgroupCounters) {}
