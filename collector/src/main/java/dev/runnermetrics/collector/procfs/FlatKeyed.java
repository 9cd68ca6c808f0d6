package dev.runnermetrics.collector.procfs;

import java.util.HashMap;
import java.util.Map;

/**
 * The "flat keyed" format of cgroup files (Documentation/admin-guide/cgroup-v2.rst, "Interface
 * Files"): one {@code key value} pair per line, e.g. {@code nr_throttled 12}. Values are unsigned
 * decimals; a line of another shape is an error, never skipped.
 */
final class FlatKeyed {
  private FlatKeyed() {}

  static Map<String, Long> parse(String file, String text) {
    Map<String, Long> values = new HashMap<>();
    int i = 0;
    int n = text.length();
    while (i < n) {
      int eol = text.indexOf('\n', i);
      if (eol < 0) {
        eol = n;
      }
      if (eol > i) {
        int space = text.indexOf(' ', i);
        if (space < 0 || space >= eol || space == i) {
          throw new ProcParseException(
              file, "line is not 'key value': '" + text.substring(i, eol) + "'");
        }
        String key = text.substring(i, space);
        values.put(key, Numbers.parseUnsigned(text, space + 1, eol, file, key));
      }
      i = eol + 1;
    }
    if (values.isEmpty()) {
      throw new ProcParseException(file, "empty");
    }
    return values;
  }
}
