package dev.runnermetrics.receiver.sizing.entity;

import dev.runnermetrics.common.summary.Stats;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/** Which figure of a run's CPU distribution the CPU advice is based on; the query names it. */
public enum CpuPercentile {
  P50("p50", Stats::p50),
  P75("p75", Stats::p75),
  P95("p95", Stats::p95),
  P99("p99", Stats::p99),
  PEAK("peak", Stats::peak),
  AVG("avg", Stats::avg);

  private final String label;
  private final ToDoubleFunction<Stats> figure;

  CpuPercentile(String label, ToDoubleFunction<Stats> figure) {
    this.label = label;
    this.figure = figure;
  }

  /** The name used in queries and answers: {@code p95}, {@code peak}… */
  public String label() {
    return label;
  }

  /** This figure of {@code stats}. */
  public double of(Stats stats) {
    return figure.applyAsDouble(stats);
  }

  /** The percentile named {@code label} (case-insensitive), if any. */
  public static Optional<CpuPercentile> byLabel(String label) {
    String wanted = label.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(p -> p.label.equals(wanted)).findFirst();
  }
}
