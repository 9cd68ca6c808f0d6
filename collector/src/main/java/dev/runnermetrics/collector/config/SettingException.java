package dev.runnermetrics.collector.config;

/** A setting whose value cannot be used: the process stops with exit code 2 and this one line. */
public final class SettingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SettingException(String setting, String value, String reason) {
    super("invalid " + setting + " \"" + value + "\": " + reason);
  }

  public SettingException(String message) {
    super(message);
  }
}
