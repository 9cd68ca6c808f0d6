package dev.runnermetrics.collector.procfs;

/** Strict decimal parsing over a slice of text, without allocating substrings. */
final class Numbers {
  private Numbers() {}

  /** Parses the unsigned decimal in {@code s[from, to)}; garbage is an error, never 0. */
  static long parseUnsigned(String s, int from, int to, String file, String field) {
    if (from >= to) {
      throw new ProcParseException(file, "empty " + field);
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        throw new ProcParseException(
            file, field + " is not a number: '" + s.substring(from, to) + "'");
      }
      if (v > (Long.MAX_VALUE - (c - '0')) / 10) {
        throw new ProcParseException(file, field + " overflows: '" + s.substring(from, to) + "'");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Parses a signed decimal (stat has signed fields such as cutime on some kernels). */
  static long parseSigned(String s, int from, int to, String file, String field) {
    if (from < to && s.charAt(from) == '-') {
      return -parseUnsigned(s, from + 1, to, file, field);
    }
    return parseUnsigned(s, from, to, file, field);
  }
}
