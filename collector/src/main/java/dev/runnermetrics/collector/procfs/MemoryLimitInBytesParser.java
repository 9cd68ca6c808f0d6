package dev.runnermetrics.collector.procfs;

import java.util.OptionalLong;

/**
 * Parses cgroup v1 {@code memory.limit_in_bytes} (Documentation/admin-guide/cgroup-v1/memory.rst):
 * bytes. "No limit" is written as the page counter's maximum, {@code 9223372036854771712} with 4
 * KiB pages (LONG_MAX rounded down to a page), so any value from {@link #UNLIMITED_FROM} (1 EiB,
 * far beyond any machine) on is no limit, not a number.
 */
public final class MemoryLimitInBytesParser {
  static final String FILE = "memory.limit_in_bytes";

  /** Values from here on mean "no limit". */
  static final long UNLIMITED_FROM = 1L << 60;

  private MemoryLimitInBytesParser() {}

  /** The limit in bytes; empty when there is none. */
  public static OptionalLong parse(String text) {
    long v = CgroupFileParser.single(FILE, text);
    return v >= UNLIMITED_FROM ? OptionalLong.empty() : OptionalLong.of(v);
  }
}
