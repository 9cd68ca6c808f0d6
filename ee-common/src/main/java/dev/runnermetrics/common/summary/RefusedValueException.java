package dev.runnermetrics.common.summary;

/**
 * A JSON value the contract's binding refuses (a fraction in an integer field, a number where text
 * belongs), with the character offset just after it, so that a reader can name its JSON path.
 */
public final class RefusedValueException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long offset;

  /** A refusal of the value that ends at character {@code offset}, saying what it must be. */
  public RefusedValueException(long offset, String mustBe) {
    super(mustBe);
    this.offset = offset;
  }

  /** The character offset just after the refused value, or -1 when the parser did not say. */
  public long offset() {
    return offset;
  }
}
