package dev.runnermetrics.collector.procfs;

import java.util.OptionalDouble;

/**
 * Parses cgroup v1 {@code cpu.cfs_quota_us} and {@code cpu.cfs_period_us}
 * (Documentation/scheduler/sched-bwc.rst): the quota in µs per period, {@code -1} for no limit,
 * e.g. {@code 20000} and {@code 100000} (0.2 cores).
 */
public final class CfsQuotaParser {
  static final String QUOTA = "cpu.cfs_quota_us";
  static final String PERIOD = "cpu.cfs_period_us";

  private CfsQuotaParser() {}

  /** The limit in cores from the two files' texts; empty for a quota of {@code -1}. */
  public static OptionalDouble parse(String quotaText, String periodText) {
    String q = quotaText.trim();
    long period = CgroupFileParser.single(PERIOD, periodText);
    if (period == 0) {
      throw new ProcParseException(PERIOD, "period is 0");
    }
    if (q.equals("-1")) {
      return OptionalDouble.empty();
    }
    return OptionalDouble.of(
        Numbers.parseUnsigned(q, 0, q.length(), QUOTA, "quota") / (double) period);
  }
}
