package dev.runnermetrics.collector.procfs;

/**
 * Parses {@code /proc/uptime} (proc(5)), e.g. {@code 350735.47 234388.90}: seconds since boot, on
 * the same clock as a process's {@code starttime}.
 */
public final class UptimeParser {
  static final String FILE = "/proc/uptime";

  private UptimeParser() {}

  /** Uptime in hundredths of a second. */
  public static long parseCentis(String text) {
    int dot = text.indexOf('.');
    int space = text.indexOf(' ');
    if (dot <= 0 || (space >= 0 && space < dot) || dot + 3 > text.length()) {
      throw new ProcParseException(FILE, "not 'seconds.hundredths ...'");
    }
    long seconds = Numbers.parseUnsigned(text, 0, dot, FILE, "uptime");
    long centis = Numbers.parseUnsigned(text, dot + 1, dot + 3, FILE, "uptime fraction");
    return seconds * 100 + centis;
  }
}
