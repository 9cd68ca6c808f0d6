package dev.runnermetrics.collector.procfs;

import java.util.OptionalLong;

/**
 * Parses cgroup v2 {@code memory.max} and {@code memory.high} (same format,
 * Documentation/admin-guide/cgroup-v2.rst): bytes, e.g. {@code 67108864}, or {@code max} (no
 * limit).
 */
public final class MemoryMaxParser {
  static final String FILE = "memory.max";

  private MemoryMaxParser() {}

  /** The bound in bytes; empty for {@code max}, which is no bound. */
  public static OptionalLong parse(String text) {
    String t = text.trim();
    if (t.equals("max")) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Numbers.parseUnsigned(t, 0, t.length(), FILE, "value"));
  }
}
