package dev.runnermetrics.receiver.sizing.control;

import java.util.Locale;

/** Amounts as people read them in reasons: {@code 1.25 cores}, {@code 1.5 GiB}, {@code 40 %}. */
final class Amounts {

  private static final double MIB = 1024.0 * 1024;
  private static final double GIB = 1024 * MIB;

  private Amounts() {}

  static String cores(double cores) {
    return String.format(Locale.ROOT, "%.2f cores", cores);
  }

  static String bytes(double bytes) {
    if (bytes >= GIB) {
      return String.format(Locale.ROOT, "%.2f GiB", bytes / GIB);
    }
    return String.format(Locale.ROOT, "%.0f MiB", Math.ceil(bytes / MIB));
  }

  /** {@code 1 run}, {@code 3 runs}. */
  static String runs(long count) {
    return count == 1 ? "1 run" : count + " runs";
  }

  static String percent(double ratio) {
    return String.format(Locale.ROOT, "%.0f %%", ratio * 100);
  }
}
