package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeSerializer;

/**
 * Distribution of one series over a run: maximum, arithmetic mean and percentiles.
 *
 * <p>Percentiles interpolate linearly between closest ranks (R-7, the NumPy default).
 */
@JsonbPropertyOrder({"peak", "avg", "p50", "p75", "p95", "p99"})
@JsonbTypeSerializer(StatsSerializer.class)
public record Stats(
    @NonNegativeFinite double peak,
    @NonNegativeFinite double avg,
    @NonNegativeFinite double p50,
    @NonNegativeFinite double p75,
    @NonNegativeFinite double p95,
    @NonNegativeFinite double p99) {

  /** Rounds every figure to six decimal places ({@link Decimals}). */
  public Stats {
    peak = Decimals.round(peak);
    avg = Decimals.round(avg);
    p50 = Decimals.round(p50);
    p75 = Decimals.round(p75);
    p95 = Decimals.round(p95);
    p99 = Decimals.round(p99);
  }

  /** The statistics of a series that has no samples. */
  public static final Stats EMPTY = new Stats(0, 0, 0, 0, 0, 0);
}
