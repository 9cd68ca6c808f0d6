package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * Usage over the run as columns a chart can draw directly: point {@code i} is the bucket starting
 * {@code offset_seconds[i]} after the run's {@code start_time} and lasting {@code bucket_seconds},
 * with the maximum and the mean of the ticks that fell into it, so a spike is never averaged away.
 * At most {@link Limits#MAX_TIMELINE_POINTS} points, whatever the run's length.
 */
@JsonbPropertyOrder({
  "bucketSeconds",
  "offsetSeconds",
  "cpuCoresMax",
  "cpuCoresAvg",
  "memoryBytesMax",
  "memoryBytesAvg"
})
public record Timeline(
    @JsonbProperty("bucket_seconds") @NonNegativeFinite double bucketSeconds,
    @JsonbProperty("offset_seconds") @NotNull @Size(max = Limits.MAX_TIMELINE_POINTS)
        List<@NotNull @NonNegativeFinite Double> offsetSeconds,
    @JsonbProperty("cpu_cores_max") @NotNull @Size(max = Limits.MAX_TIMELINE_POINTS)
        List<@NotNull @NonNegativeFinite Double> cpuCoresMax,
    @JsonbProperty("cpu_cores_avg") @NotNull @Size(max = Limits.MAX_TIMELINE_POINTS)
        List<@NotNull @NonNegativeFinite Double> cpuCoresAvg,
    @JsonbProperty("memory_bytes_max")
        @JsonbTypeDeserializer(StrictInteger.class)
        @NotNull
        @Size(max = Limits.MAX_TIMELINE_POINTS)
        List<@NotNull @NonNegativeFinite Long> memoryBytesMax,
    @JsonbProperty("memory_bytes_avg")
        @JsonbTypeDeserializer(StrictInteger.class)
        @NotNull
        @Size(max = Limits.MAX_TIMELINE_POINTS)
        List<@NotNull @NonNegativeFinite Long> memoryBytesAvg) {

  /** Rounds the CPU and time figures to six decimal places ({@link Decimals}). */
  public Timeline {
    bucketSeconds = Decimals.round(bucketSeconds);
    offsetSeconds = rounded(offsetSeconds);
    cpuCoresMax = rounded(cpuCoresMax);
    cpuCoresAvg = rounded(cpuCoresAvg);
  }

  /** Whether every column has one value per point; a missing column is left to {@code @NotNull}. */
  @JsonbTransient
  @AssertTrue(message = "every series must have one value per offset_seconds")
  public boolean isAligned() {
    if (offsetSeconds == null) {
      return true;
    }
    int n = offsetSeconds.size();
    return sameSize(cpuCoresMax, n)
        && sameSize(cpuCoresAvg, n)
        && sameSize(memoryBytesMax, n)
        && sameSize(memoryBytesAvg, n);
  }

  private static boolean sameSize(List<?> column, int n) {
    return column == null || column.size() == n;
  }

  private static List<Double> rounded(List<Double> values) {
    if (values == null) {
      return null;
    }
    return values.stream().map(Decimals::round).toList();
  }
}
