package dev.runnermetrics.collector.procfs;

import java.util.OptionalLong;

/**
 * Parses the cgroup counter files the collector reads: single numbers ({@code cpuacct.usage} {@code
 * 6319485426683}, {@code memory.current}, {@code memory.usage_in_bytes}, {@code memory.peak}) and
 * flat keyed files ({@code cpu.stat}: {@code usage_usec 4128510}), see the kernel's
 * Documentation/admin-guide/cgroup-v2.rst and cgroup-v1/cpuacct.rst.
 */
public final class CgroupFileParser {
  private CgroupFileParser() {}

  /** The one number in the file. {@code max} (an unlimited v2 value) is not a counter: an error. */
  public static long single(String file, String text) {
    int end = text.length();
    while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    return Numbers.parseUnsigned(text, 0, end, file, "value");
  }

  /** The value of {@code key} in a flat keyed file; empty when the key is not there. */
  public static OptionalLong keyed(String file, String text, String key) {
    int i = 0;
    int n = text.length();
    while (i < n) {
      int eol = text.indexOf('\n', i);
      if (eol < 0) {
        eol = n;
      }
      if (text.startsWith(key, i)
          && i + key.length() < eol
          && text.charAt(i + key.length()) == ' ') {
        return OptionalLong.of(Numbers.parseUnsigned(text, i + key.length() + 1, eol, file, key));
      }
      i = eol + 1;
    }
    return OptionalLong.empty();
  }
}
