package dev.runnermetrics.common.quantity;

/** A text that is not a Kubernetes quantity, or not one usable as a CPU or memory amount. */
public final class InvalidQuantityException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String value;

  /** {@code value} is the rejected text, {@code reason} says why. */
  public InvalidQuantityException(String value, String reason) {
    super("invalid quantity \"" + value + "\": " + reason);
    this.value = value;
  }

  /** The rejected text. */
  public String value() {
    return value;
  }
}
