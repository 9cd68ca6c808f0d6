package dev.runnermetrics.collector.procfs;

/** A proc file whose text does not have the shape proc(5) promises. */
public final class ProcParseException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String reason;

  public ProcParseException(String file, String reason) {
    super(file + ": " + reason);
    this.file = file;
    this.reason = reason;
  }

  public String file() {
    return file;
  }

  public String reason() {
    return reason;
  }
}
