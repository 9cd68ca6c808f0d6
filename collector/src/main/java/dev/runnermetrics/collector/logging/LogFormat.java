package dev.runnermetrics.collector.logging;

/**
 * How log lines look: {@code text} for people, {@code json} (one object per line) for log stores.
 */
public enum LogFormat {
  TEXT,
  JSON
}
