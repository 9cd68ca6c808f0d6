package dev.runnermetrics.collector.procfs;

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

  private PidStatParser() {}

  public static PidStat parse(String text) {
    int open = text.indexOf('(');
    int close = text.lastIndexOf(')');
    if (open <= 0 || close < open) {
      throw new ProcParseException(FILE, "no (comm) field");
    }
    int pidEnd = open;
    while (pidEnd > 0 && text.charAt(pidEnd - 1) == ' ') {
      pidEnd--;
    }
    long pid = Numbers.parseUnsigned(text, 0, pidEnd, FILE, "pid");
    String comm = text.substring(open + 1, close);

    char state = 0;
    long ppid = 0, utime = 0, stime = 0, cutime = 0, cstime = 0, start = -1, rss = 0;
    int field = 2; // comm is field 2; the next token is field 3
    int i = close + 1;
    int n = text.length();
    while (i < n && field < RSS) {
      while (i < n && text.charAt(i) == ' ') {
        i++;
      }
      int from = i;
      while (i < n && text.charAt(i) != ' ' && text.charAt(i) != '\n') {
        i++;
      }
      if (from == i) {
        break;
      }
      field++;
      switch (field) {
        case STATE -> {
          if (i - from != 1) {
            throw new ProcParseException(FILE, "state is not one letter");
          }
          state = text.charAt(from);
        }
        case PPID -> ppid = Numbers.parseSigned(text, from, i, FILE, "ppid");
        case UTIME -> utime = Numbers.parseUnsigned(text, from, i, FILE, "utime");
        case STIME -> stime = Numbers.parseUnsigned(text, from, i, FILE, "stime");
        case CUTIME -> cutime = Numbers.parseSigned(text, from, i, FILE, "cutime");
        case CSTIME -> cstime = Numbers.parseSigned(text, from, i, FILE, "cstime");
        case STARTTIME -> start = Numbers.parseUnsigned(text, from, i, FILE, "starttime");
        case RSS -> rss = Numbers.parseSigned(text, from, i, FILE, "rss");
        default -> {}
      }
    }
    if (field < RSS) {
      throw new ProcParseException(FILE, "truncated: " + field + " of " + RSS + " fields");
    }
    return new PidStat(
        (int) pid, comm, state, (int) ppid, utime, stime, cutime, cstime, start, Math.max(0, rss));
  }
}
