package dev.runnermetrics.common.summary;

import jakarta.json.stream.JsonGenerator;
import java.math.BigDecimal;

/** Plain decimal rendering of doubles for JSON, shared by the custom serializers. */
public final class JsonNumbers {

  /** Whole numbers up to 2^53 are exact in a double and are written without a fraction. */
  private static final double EXACT_INTEGER_LIMIT = 0x1p53;

  private JsonNumbers() {}

  /**
   * Writes {@code value} under {@code name}: whole values as integers, others in the shortest
   * decimal form that reads back to the same double.
   *
   * @throws IllegalArgumentException for NaN or infinities, which JSON cannot carry
   */
  public static void write(JsonGenerator generator, String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " is not a finite number: " + value);
    }
    if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGER_LIMIT) {
      generator.write(name, (long) value);
    } else {
      generator.write(name, BigDecimal.valueOf(value).stripTrailingZeros());
    }
  }
}
