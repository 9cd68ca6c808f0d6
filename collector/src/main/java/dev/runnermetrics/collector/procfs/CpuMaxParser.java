package dev.runnermetrics.collector.procfs;

import java.util.OptionalDouble;

/**
 * Parses cgroup v2 {@code cpu.max} (Documentation/admin-guide/cgroup-v2.rst): {@code $MAX $PERIOD}
 * in µs, e.g. {@code 20000 100000} (0.2 cores), or {@code max 100000} (no limit).
 */
public final class CpuMaxParser {
  static final String FILE = "cpu.max";

  private CpuMaxParser() {}

  /** The limit in cores; empty for {@code max}, which is no limit. */
  public static OptionalDouble parse(String text) {
    String t = text.trim();
    int space = t.indexOf(' ');
    if (space <= 0 || t.indexOf(' ', space + 1) >= 0) {
      throw new ProcParseException(FILE, "not '$MAX $PERIOD': '" + t + "'");
    }
    long period = Numbers.parseUnsigned(t, space + 1, t.length(), FILE, "period");
    if (period == 0) {
      throw new ProcParseException(FILE, "period is 0");
    }
    if (t.startsWith("max ")) {
      return OptionalDouble.empty();
    }
    long quota = Numbers.parseUnsigned(t, 0, space, FILE, "max");
    return OptionalDouble.of(quota / (double) period);
  }
}
