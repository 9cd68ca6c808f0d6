package dev.runnermetrics.collector.sampling;

/**
 * The kernel's page size, the unit of the {@code rss} field of {@code /proc/[pid]/stat} (4096 on
 * x86-64; 16 or 64 KiB on some ARM kernels).
 */
public final class PageSize {
  static final long DEFAULT = 4096;

  private PageSize() {}

  /** Asks {@code getconf PAGESIZE} once; call at start-up, not per tick. */
  public static long read() {
    return Getconf.value("PAGESIZE", DEFAULT);
  }
}
