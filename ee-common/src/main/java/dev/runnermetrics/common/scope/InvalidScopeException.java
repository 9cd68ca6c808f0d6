package dev.runnermetrics.common.scope;

/** A scope field that is missing, too long, or carries control characters. */
public final class InvalidScopeException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String field;

  /** {@code field} is the JSON name of the bad field; {@code reason} says what is wrong. */
  public InvalidScopeException(String field, String reason) {
    super(field + " " + reason);
    this.field = field;
  }

  /** The JSON name of the bad field, e.g. {@code repository}. */
  public String field() {
    return field;
  }
}
