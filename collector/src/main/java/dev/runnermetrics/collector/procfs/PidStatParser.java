package dev.runnermetrics.collector.procfs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Parses {@code /proc/[pid]/stat} (proc(5)), e.g. {@code 1020 ((a b ) ( c d) ) R 1 1020 … }.
 *
 * <p>The comm field is whatever the process called itself: spaces, parentheses and newlines are
 * allowed, so it runs from the first {@code (} to the <em>last</em> {@code )}; the numbered fields
 * are counted from there.
 */
public final class PidStatParser {
  static final String FILE = "stat";
  // proc(5) field numbers, 1-based as in the man page.
  static final int STATE = 3;
  static final int PPID = 4;
  static final int UTIME = 14;
  static final int STIME = 15;
  static final int CUTIME = 16;
  static final int CSTIME = 17;
  static final int STARTTIME = 22;
  static final int RSS = 24;

  /** How far past '(' the closing ')' is looked for: the longest comm a kernel writes, 63 bytes. */
  static final int COMM_SCAN = 64;

  private PidStatParser() {}

  public static PidStat parse(String text) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return parse(b, b.length, null, null);
  }

  /**
   * Parses the file's bytes {@code b[0, n)} without copying them into a string.
   *
   * @param previousCommBytes the comm last read for this process, as the file had it (UTF-8); null
   *     when there is none
   * @param previousComm that comm as a string, returned as the same instance when unchanged (no new
   *     string per read)
   */
  public static PidStat parse(byte[] b, int n, byte[] previousCommBytes, String previousComm) {
    int open = indexOf(b, n, (byte) '(');
    // The last ')' ends comm; only numbers and the state letter follow it, so it is found
    // searching back from just past the longest comm a kernel writes (63 bytes: do_task_stat's
    // buffer is 64, for workqueue workers' names), not from the end of the file.
    int close = lastIndexOf(b, open < 0 ? n : Math.min(n, open + 2 + COMM_SCAN), (byte) ')');
    if (open <= 0 || close < open) {
      throw new ProcParseException(FILE, "no (comm) field");
    }
    int pidEnd = open;
    while (pidEnd > 0 && b[pidEnd - 1] == ' ') {
      pidEnd--;
    }
    long pid = parseUnsigned(b, 0, pidEnd, "pid");
    String comm =
        previousCommBytes != null
                && Arrays.equals(previousCommBytes, 0, previousCommBytes.length, b, open + 1, close)
            ? previousComm
            : new String(b, open + 1, close - open - 1, StandardCharsets.UTF_8);

    char state = 0;
    long ppid = 0, utime = 0, stime = 0, cutime = 0, cstime = 0, start = -1, rss = 0;
    int field = 2; // comm is field 2; the next token is field 3
    int i = close + 1;
    while (i < n && field < RSS) {
      while (i < n && b[i] == ' ') {
        i++;
      }
      int from = i;
      while (i < n && b[i] != ' ' && b[i] != '\n') {
        i++;
      }
      if (from == i) {
        break;
      }
      field++;
      switch (field) {
        case STATE -> {
          if (i - from != 1 || b[from] < 0) {
            throw new ProcParseException(FILE, "state is not one letter");
          }
          state = (char) b[from];
        }
        case PPID -> ppid = parseSigned(b, from, i, "ppid");
        case UTIME -> utime = parseUnsigned(b, from, i, "utime");
        case STIME -> stime = parseUnsigned(b, from, i, "stime");
        case CUTIME -> cutime = parseSigned(b, from, i, "cutime");
        case CSTIME -> cstime = parseSigned(b, from, i, "cstime");
        case STARTTIME -> start = parseUnsigned(b, from, i, "starttime");
        case RSS -> rss = parseSigned(b, from, i, "rss");
        default -> {}
      }
    }
    if (field < RSS) {
      throw new ProcParseException(FILE, "truncated: " + field + " of " + RSS + " fields");
    }
    return new PidStat(
        (int) pid, comm, state, (int) ppid, utime, stime, cutime, cstime, start, Math.max(0, rss));
  }

  private static int indexOf(byte[] b, int n, byte c) {
    for (int i = 0; i < n; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static int lastIndexOf(byte[] b, int n, byte c) {
    for (int i = n - 1; i >= 0; i--) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** The unsigned decimal in {@code b[from, to)}; garbage is an error, never 0. */
  private static long parseUnsigned(byte[] b, int from, int to, String field) {
    if (from >= to) {
      throw new ProcParseException(FILE, "empty " + field);
    }
    long v = 0;
    for (int i = from; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        throw new ProcParseException(FILE, field + " is not a number: '" + text(b, from, to) + "'");
      }
      if (v > (Long.MAX_VALUE - d) / 10) {
        throw new ProcParseException(FILE, field + " overflows: '" + text(b, from, to) + "'");
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static long parseSigned(byte[] b, int from, int to, String field) {
    if (from < to && b[from] == '-') {
      return -parseUnsigned(b, from + 1, to, field);
    }
    return parseUnsigned(b, from, to, field);
  }

  private static String text(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }
}
