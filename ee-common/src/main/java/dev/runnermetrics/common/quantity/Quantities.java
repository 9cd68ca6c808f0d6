package dev.runnermetrics.common.quantity;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * Parses Kubernetes resource quantities: a decimal number followed by an optional suffix.
 *
 * <p>Suffixes: binary {@code Ki Mi Gi Ti Pi Ei} (powers of 1024), decimal {@code n u m k M G T P E}
 * (powers of 1000; {@code K} is accepted for {@code k}, as the collector's users write it), or an
 * exponent {@code e3}/{@code E-2}. So CPU {@code 2} = 2 cores, {@code 500m} = 0.5 cores, {@code
 * 1.5e3m} = 1.5 cores; memory {@code 1Gi} = 1073741824 bytes, {@code 1G} = 10^9 bytes. Memory
 * rounds up to a whole byte, as Kubernetes does. Negative amounts are refused: they are never a
 * valid limit.
 */
public final class Quantities {

  private static final BigDecimal KI = BigDecimal.valueOf(1024);
  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final BigDecimal MAX_BYTES = BigDecimal.valueOf(Long.MAX_VALUE);

  /** At most this many digits of exponent, so "1e999999999" cannot make a giant BigDecimal. */
  private static final int MAX_EXPONENT = 30;

  private static final Map<String, BigDecimal> SUFFIXES =
      Map.ofEntries(
          Map.entry("", BigDecimal.ONE),
          Map.entry("Ki", KI),
          Map.entry("Mi", KI.pow(2)),
          Map.entry("Gi", KI.pow(3)),
          Map.entry("Ti", KI.pow(4)),
          Map.entry("Pi", KI.pow(5)),
          Map.entry("Ei", KI.pow(6)),
          Map.entry("n", BigDecimal.ONE.movePointLeft(9)),
          Map.entry("u", BigDecimal.ONE.movePointLeft(6)),
          Map.entry("m", BigDecimal.ONE.movePointLeft(3)),
          Map.entry("k", THOUSAND),
          Map.entry("K", THOUSAND),
          Map.entry("M", THOUSAND.pow(2)),
          Map.entry("G", THOUSAND.pow(3)),
          Map.entry("T", THOUSAND.pow(4)),
          Map.entry("P", THOUSAND.pow(5)),
          Map.entry("E", THOUSAND.pow(6)));

  private Quantities() {}

  /**
   * CPU cores: {@code "2"} → 2.0, {@code "500m"} → 0.5.
   *
   * @throws InvalidQuantityException naming the value when it is not a quantity
   */
  public static double cpuCores(String text) {
    return parse(text).doubleValue();
  }

  /**
   * Bytes: {@code "256Mi"} → 268435456, {@code "1G"} → 1000000000; a fraction rounds up.
   *
   * @throws InvalidQuantityException naming the value when it is not a quantity or exceeds a long
   */
  public static long bytes(String text) {
    BigDecimal bytes = parse(text).setScale(0, RoundingMode.CEILING);
    if (bytes.compareTo(MAX_BYTES) > 0) {
      throw new InvalidQuantityException(text, "too large");
    }
    return bytes.longValueExact();
  }

  /** The exact amount {@code text} denotes, in base units. */
  static BigDecimal parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new InvalidQuantityException(String.valueOf(text), "empty");
    }
    int end = numberEnd(text);
    if (end == 0) {
      throw new InvalidQuantityException(text, "must start with a number");
    }
    BigDecimal number;
    try {
      number = new BigDecimal(text.substring(0, end));
    } catch (NumberFormatException e) {
      throw new InvalidQuantityException(text, "must start with a number");
    }
    if (number.signum() < 0) {
      throw new InvalidQuantityException(text, "must not be negative");
    }
    return number.multiply(multiplier(text, text.substring(end)));
  }

  /** Index after the leading {@code [+-]digits[.digits]} part. */
  private static int numberEnd(String text) {
    int i = 0;
    if (text.charAt(0) == '+' || text.charAt(0) == '-') {
      i++;
    }
    int digits = 0;
    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      if (text.charAt(i) != '.') {
        digits++;
      }
      i++;
    }
    return digits == 0 ? 0 : i;
  }

  private static BigDecimal multiplier(String text, String suffix) {
    BigDecimal known = SUFFIXES.get(suffix);
    if (known != null) {
      return known;
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      // An exponent, optionally followed by a unit suffix: "1.5e3m" is 1.5 cores.
      int i = 1;
      if (i < suffix.length() && (suffix.charAt(i) == '+' || suffix.charAt(i) == '-')) {
        i++;
      }
      int digitsStart = i;
      while (i < suffix.length() && Character.isDigit(suffix.charAt(i))) {
        i++;
      }
      BigDecimal unit = SUFFIXES.get(suffix.substring(i));
      if (i == digitsStart || unit == null) {
        throw new InvalidQuantityException(text, "malformed exponent \"" + suffix + "\"");
      }
      if (i - digitsStart > 2
          || Math.abs(Integer.parseInt(suffix.substring(1, i))) > MAX_EXPONENT) {
        throw new InvalidQuantityException(text, "exponent out of range");
      }
      return unit.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1, i)));
    }
    throw new InvalidQuantityException(
        text,
        "unknown suffix \"" + suffix + "\" (use m, k, M, G, T, P, E, Ki, Mi, Gi, Ti, Pi, Ei)");
  }
}
