package dev.runnermetrics.collector.config;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Go's {@code time.ParseDuration} syntax, as the seed's flags use it: a sequence of decimal numbers
 * with units, e.g. {@code 500ms}, {@code 2s}, {@code 1m}, {@code 1h30m}, {@code 1.5s}; units {@code
 * ns us µs ms s m h}. {@code 0} alone is zero. No sign: durations here are never negative.
 */
public final class GoDuration {
  private GoDuration() {}

  /**
   * @throws IllegalArgumentException when the text is not a Go duration
   */
  public static Duration parse(String text) {
    String s = text.trim();
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty duration");
    }
    BigDecimal nanos = BigDecimal.ZERO;
    int i = 0;
    int n = s.length();
    while (i < n) {
      int from = i;
      while (i < n && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      if (from == i) {
        throw new IllegalArgumentException("expected a number at '" + s.substring(from) + "'");
      }
      BigDecimal value;
      try {
        value = new BigDecimal(s.substring(from, i));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad number '" + s.substring(from, i) + "'");
      }
      int unitFrom = i;
      while (i < n && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      String unit = s.substring(unitFrom, i);
      long factor =
          switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "" -> throw new IllegalArgumentException("missing unit (ns, us, ms, s, m, h)");
            default -> throw new IllegalArgumentException("unknown unit '" + unit + "'");
          };
      nanos = nanos.add(value.multiply(BigDecimal.valueOf(factor)));
    }
    try {
      return Duration.ofNanos(nanos.longValueExact());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("out of range or below a nanosecond");
    }
  }

  /** Renders like Go does for the values people write: {@code 2s}, {@code 500ms}, {@code 1m30s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    long ms = d.toMillis();
    if (ms < 1000 || d.toNanos() % 1_000_000_000L != 0) {
      return d.toNanos() % 1_000_000 == 0 ? ms + "ms" : d.toNanos() + "ns";
    }
    long s = d.getSeconds();
    StringBuilder sb = new StringBuilder();
    if (s >= 3600) {
      sb.append(s / 3600).append('h');
      s %= 3600;
    }
    if (s >= 60) {
      sb.append(s / 60).append('m');
      s %= 60;
    }
    if (s > 0) {
      sb.append(s).append('s');
    }
    return sb.toString();
  }
}
