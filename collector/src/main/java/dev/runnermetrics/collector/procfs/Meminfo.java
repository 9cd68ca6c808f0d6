package dev.runnermetrics.collector.procfs;

/** System memory from {@code /proc/meminfo}, in bytes. */
public record Meminfo(long totalBytes, long availableBytes) {
  /** MemTotal − MemAvailable, the figure {@code free} calls "used". */
  public long usedBytes() {
    return Math.max(0, totalBytes - availableBytes);
  }
}
