package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.common.quantity.InvalidQuantityException;
import dev.runnermetrics.common.quantity.Quantities;
import dev.runnermetrics.receiver.sizing.entity.CpuPercentile;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The knobs of the sizing method, with their defaults and bounds (docs/sizing.md says why each).
 * Bounds are Bean Validation constraints, so a bad value gets the same 400 as any other field;
 * {@link #fromQuery} turns query text into a value and refuses text that is not one.
 *
 * @param runs how many of the job's most recent runs form the window
 * @param cpuPercentile which per-run CPU figure the CPU advice is based on
 * @param headroom the share added on top of the observed basis (0.2 = 20 %)
 * @param cpuCeilingCores no CPU advice goes above this
 * @param memoryCeilingBytes no memory advice goes above this
 */
public record SizingParameters(
    @Min(value = MIN_RUNS, message = "runs must be at least " + MIN_RUNS)
        @Max(value = MAX_RUNS, message = "runs must be at most " + MAX_RUNS)
        int runs,
    @NotNull(message = "cpu_percentile is required") CpuPercentile cpuPercentile,
    @DecimalMin(value = "0", message = "headroom must be at least 0")
        @DecimalMax(value = "2", message = "headroom must be at most 2 (200 %)")
        double headroom,
    @DecimalMin(value = "0.1", message = "cpu_ceiling must be at least 100m")
        @DecimalMax(value = "1024", message = "cpu_ceiling must be at most 1024 cores")
        double cpuCeilingCores,
    @Min(value = MIN_MEMORY_CEILING, message = "memory_ceiling must be at least 64Mi")
        @Max(value = MAX_MEMORY_CEILING, message = "memory_ceiling must be at most 1Pi")
        long memoryCeilingBytes) {

  static final long MIB = 1024L * 1024;
  static final long GIB = 1024 * MIB;

  /** Default window: ten runs, twice CI Sizer's five, so one odd run weighs less. */
  public static final int DEFAULT_RUNS = 10;

  static final int MIN_RUNS = 1;
  static final int MAX_RUNS = 1000;
  static final long MIN_MEMORY_CEILING = 64 * MIB;
  static final long MAX_MEMORY_CEILING = 1024L * 1024 * GIB;

  /** The defaults: 10 runs, p95, 20 % headroom, at most 64 cores and 256 GiB. */
  public static final SizingParameters DEFAULTS =
      new SizingParameters(DEFAULT_RUNS, CpuPercentile.P95, 0.20, 64, 256 * GIB);

  /**
   * Reads the query's text forms; a null or blank value takes the default. Ceilings are Kubernetes
   * quantities ({@code 8}, {@code 500m}, {@code 16Gi}).
   *
   * @throws InvalidSizingParameterException naming the parameter when its text is not a value
   */
  public static SizingParameters fromQuery(
      String runs, String cpuPercentile, String headroom, String cpuCeiling, String memoryCeiling) {
    return new SizingParameters(
        blank(runs) ? DEFAULTS.runs : integer("runs", runs),
        blank(cpuPercentile) ? DEFAULTS.cpuPercentile : percentile(cpuPercentile),
        blank(headroom) ? DEFAULTS.headroom : decimal("headroom", headroom),
        blank(cpuCeiling) ? DEFAULTS.cpuCeilingCores : cores("cpu_ceiling", cpuCeiling),
        blank(memoryCeiling)
            ? DEFAULTS.memoryCeilingBytes
            : bytes("memory_ceiling", memoryCeiling));
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static int integer(String parameter, String text) {
    try {
      return Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidSizingParameterException(
          parameter, "must be a whole number, got \"" + text + "\"");
    }
  }

  private static double decimal(String parameter, String text) {
    try {
      double value = Double.parseDouble(text.strip());
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidSizingParameterException(
        parameter, "must be a number like 0.2, got \"" + text + "\"");
  }

  private static CpuPercentile percentile(String text) {
    return CpuPercentile.byLabel(text.strip())
        .orElseThrow(
            () ->
                new InvalidSizingParameterException(
                    "cpu_percentile",
                    "must be one of "
                        + Arrays.stream(CpuPercentile.values())
                            .map(CpuPercentile::label)
                            .collect(Collectors.joining(", "))
                        + ", got \""
                        + text
                        + "\""));
  }

  private static double cores(String parameter, String text) {
    try {
      return Quantities.cpuCores(text.strip());
    } catch (InvalidQuantityException e) {
      throw new InvalidSizingParameterException(parameter, e.getMessage());
    }
  }

  private static long bytes(String parameter, String text) {
    try {
      return Quantities.bytes(text.strip());
    } catch (InvalidQuantityException e) {
      throw new InvalidSizingParameterException(parameter, e.getMessage());
    }
  }

  /** The headroom in force: three times the configured one while learning (1–2 clean runs). */
  double headroomFor(int cleanRuns) {
    return cleanRuns < ConfidenceRule.CONFIDENT_RUNS ? 3 * headroom : headroom;
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "runs=%d cpu_percentile=%s headroom=%s cpu_ceiling=%s memory_ceiling=%d",
        runs,
        cpuPercentile.label(),
        headroom,
        cpuCeilingCores,
        memoryCeilingBytes);
  }
}
