package dev.runnermetrics.collector.procfs;

/**
 * Parses cgroup v1 {@code memory.failcnt} (Documentation/admin-guide/cgroup-v1/memory.rst, 5.4):
 * how often the memory usage hit the limit, one number, e.g. {@code 42}.
 */
public final class MemoryFailcntParser {
  static final String FILE = "memory.failcnt";

  private MemoryFailcntParser() {}

  public static long parse(String text) {
    return CgroupFileParser.single(FILE, text);
  }
}
