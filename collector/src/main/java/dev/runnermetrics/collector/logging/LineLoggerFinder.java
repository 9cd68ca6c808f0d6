package dev.runnermetrics.collector.logging;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/**
 * Routes every {@code System.getLogger} of the process to {@link LogSink}. Our own loggers follow
 * {@code --log-level}; the JDK's (HTTP client and friends) only speak from WARNING up.
 */
public final class LineLoggerFinder extends System.LoggerFinder {
  @Override
  public Logger getLogger(String name, Module module) {
    return new LineLogger(name);
  }

  private static final class LineLogger implements Logger {
    private final String name;
    private final String shortName;
    private final boolean ours;

    LineLogger(String name) {
      this.name = name;
      this.shortName = name.substring(name.lastIndexOf('.') + 1);
      this.ours = name.startsWith("dev.runnermetrics.");
    }

    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean isLoggable(Level level) {
      return LogSink.enabled(level, ours);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      if (isLoggable(level)) {
        LogSink.write(shortName, level, String.valueOf(msg), thrown);
      }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      if (isLoggable(level)) {
        String msg =
            params == null || params.length == 0
                ? String.valueOf(format)
                : new MessageFormat(String.valueOf(format), Locale.ROOT).format(plain(params));
        LogSink.write(shortName, level, msg, null);
      }
    }

    /** Numbers as {@code toString} gives them: no locale grouping in pids and byte counts. */
    private static Object[] plain(Object[] params) {
      Object[] out = params.clone();
      for (int i = 0; i < out.length; i++) {
        if (out[i] instanceof Number) {
          out[i] = out[i].toString();
        }
      }
      return out;
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
      if (isLoggable(level)) {
        LogSink.write(shortName, level, msgSupplier.get(), null);
      }
    }
  }
}
