package dev.runnermetrics.receiver.runs.control;

/** The database named by {@code receiver.db} cannot be used; the message is the operator's line. */
public class DatabaseUnusableException extends Exception {

  private static final long serialVersionUID = 1L;

  /** With the whole line an operator reads. */
  public DatabaseUnusableException(String message) {
    super(message);
  }

  /** With the whole line an operator reads and the cause. */
  public DatabaseUnusableException(String message, Throwable cause) {
    super(message, cause);
  }
}
