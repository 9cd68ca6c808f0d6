package dev.runnermetrics.receiver.sizing.control;

/** A sizing query parameter that cannot be read; the message names it and says what is allowed. */
public final class InvalidSizingParameterException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String parameter;

  InvalidSizingParameterException(String parameter, String message) {
    super(parameter + ": " + message);
    this.parameter = parameter;
  }

  /** A refusal of {@code parameter}'s value; {@code message} says what is allowed. */
  public static InvalidSizingParameterException of(String parameter, String message) {
    return new InvalidSizingParameterException(parameter, message);
  }

  /** The query parameter at fault, e.g. {@code cpu_percentile}. */
  public String parameter() {
    return parameter;
  }
}
