package dev.runnermetrics.collector.summary;

import dev.runnermetrics.common.summary.Stats;
import java.util.Arrays;

/**
 * Peak, mean and percentiles of a series.
 *
 * <p>Percentiles use R-7 (Hyndman &amp; Fan type 7, the NumPy and Excel PERCENTILE default): with
 * the n values sorted ascending as x[0..n-1], the p-th percentile is at rank h = (n − 1)·p, and
 * between the closest ranks it interpolates linearly: x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]). One
 * value is every percentile of itself; no values give all zeros.
 */
public final class StatsCalculator {
  private StatsCalculator() {}

  public static Stats of(double... values) {
    int n = values.length;
    if (n == 0) {
      return Stats.EMPTY;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double v : sorted) {
      sum += v;
    }
    return new Stats(
        sorted[n - 1],
        sum / n,
        percentile(sorted, 0.50),
        percentile(sorted, 0.75),
        percentile(sorted, 0.95),
        percentile(sorted, 0.99));
  }

  /** R-7 on an ascending array. */
  static double percentile(double[] sorted, double p) {
    double h = (sorted.length - 1) * p;
    int lo = (int) Math.floor(h);
    if (lo + 1 >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }
}
