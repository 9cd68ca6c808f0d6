package dev.runnermetrics.collector.procfs;

/**
 * The aggregate {@code cpu} line of {@code /proc/stat}, in clock ticks.
 *
 * @param totalTicks user+nice+system+idle+iowait+irq+softirq+steal (guest is already in user)
 * @param idleTicks idle+iowait
 */
public record CpuTimes(long totalTicks, long idleTicks) {}
