package dev.runnermetrics.collector.sampling;

/** The kernel's USER_HZ, the unit of utime/stime/starttime: {@code getconf CLK_TCK}, else 100. */
public final class ClockTicks {
  static final long DEFAULT = 100;

  private ClockTicks() {}

  /** Asks {@code getconf} once; call at start-up, not per tick. */
  public static long read() {
    return Getconf.value("CLK_TCK", DEFAULT);
  }
}
