package dev.runnermetrics.collector.logging;

import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Where every log line goes; configured once at start-up, before anything logs much. */
public final class LogSink {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static volatile Level threshold = Level.INFO;
  private static volatile LogFormat format = LogFormat.TEXT;
  private static volatile PrintStream out = System.err;

  private LogSink() {}

  public static void configure(LogLevel level, LogFormat logFormat) {
    threshold = level.threshold();
    format = logFormat;
  }

  static boolean enabled(Level level, boolean ours) {
    Level min = ours ? threshold : maxOf(threshold, Level.WARNING);
    return level != Level.OFF && level.getSeverity() >= min.getSeverity();
  }

  private static Level maxOf(Level a, Level b) {
    return a.getSeverity() >= b.getSeverity() ? a : b;
  }

  static void write(String logger, Level level, String message, Throwable thrown) {
    String time = TIME.format(Instant.now());
    String name = level == Level.WARNING ? "WARN" : level.getName();
    String line;
    if (format == LogFormat.JSON) {
      StringBuilder sb = new StringBuilder(128 + message.length());
      sb.append("{\"time\":\"").append(time).append("\",\"level\":\"").append(name);
      sb.append("\",\"logger\":");
      quote(sb, logger);
      sb.append(",\"message\":");
      quote(sb, message);
      if (thrown != null) {
        sb.append(",\"error\":");
        quote(sb, thrown.toString());
      }
      line = sb.append('}').toString();
    } else {
      line =
          time
              + " "
              + String.format(Locale.ROOT, "%-5s", name)
              + " "
              + logger
              + ": "
              + message
              + (thrown != null ? " (" + thrown + ")" : "");
    }
    PrintStream o = out;
    synchronized (LogSink.class) {
      o.println(line);
      if (thrown != null && threshold.getSeverity() <= Level.DEBUG.getSeverity()) {
        thrown.printStackTrace(o);
      }
    }
  }

  static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    sb.append('"');
  }
}
