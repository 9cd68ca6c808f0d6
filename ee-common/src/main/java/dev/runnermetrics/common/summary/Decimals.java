package dev.runnermetrics.common.summary;

/**
 * Keeps measurements to six decimal places: a micro-core and a millionth of a percent are far below
 * what /proc's clock ticks can resolve, and {@code 0.753482} reads better than {@code
 * 0.7534820358713896}. Whole numbers (bytes) are unchanged; NaN and infinities pass through for
 * validation to report.
 */
public final class Decimals {

  private static final double SCALE = 1e6;

  private Decimals() {}

  /** {@code value} rounded half-even to six decimal places. */
  public static double round(double value) {
    if (!Double.isFinite(value) || value == Math.rint(value) || Math.abs(value) >= 1e12) {
      return value;
    }
    return Math.rint(value * SCALE) / SCALE;
  }

  /** Like {@link #round(double)}, for an optional figure. */
  public static Double round(Double value) {
    return value == null ? null : round(value.doubleValue());
  }
}
