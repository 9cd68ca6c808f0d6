package dev.runnermetrics.collector.logging;

import java.lang.System.Logger.Level;

/** The seed's log levels and the System.Logger levels they let through. */
public enum LogLevel {
  DEBUG(Level.DEBUG),
  INFO(Level.INFO),
  WARN(Level.WARNING),
  ERROR(Level.ERROR);

  private final Level threshold;

  LogLevel(Level threshold) {
    this.threshold = threshold;
  }

  public Level threshold() {
    return threshold;
  }
}
