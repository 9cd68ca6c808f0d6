package dev.runnermetrics.collector.procfs;

import java.util.Map;

/**
 * Parses {@code cpu.stat} in both forms. cgroup v2 (Documentation/admin-guide/cgroup-v2.rst, "CPU
 * Interface Files"): {@code nr_periods}, {@code nr_throttled}, {@code throttled_usec} (µs). cgroup
 * v1 (Documentation/scheduler/sched-bwc.rst): {@code nr_periods}, {@code nr_throttled}, {@code
 * throttled_time} (ns). Times are returned in ns.
 *
 * <pre>usage_usec 4128510
 * nr_periods 120
 * nr_throttled 96
 * throttled_usec 7712345</pre>
 */
public final class CpuStatParser {
  static final String FILE = "cpu.stat";

  private CpuStatParser() {}

  public static CpuStat parse(String text) {
    Map<String, Long> v = FlatKeyed.parse(FILE, text);
    Long throttledNanos = v.get("throttled_time");
    Long usec = v.get("throttled_usec");
    if (throttledNanos == null && usec != null) {
      throttledNanos = Math.multiplyExact(usec, 1000L);
    }
    return new CpuStat(v.get("nr_periods"), v.get("nr_throttled"), throttledNanos);
  }
}
