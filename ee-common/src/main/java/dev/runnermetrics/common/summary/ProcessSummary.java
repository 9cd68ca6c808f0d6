package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** One process among the run's top consumers; CPU percent where 100 = one core. */
@JsonbPropertyOrder({"pid", "name", "container", "peakCpuPercent", "avgCpuPercent", "peakMemBytes"})
public record ProcessSummary(
    @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero int pid,
    @NotNull @Size(max = 255) @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS) String name,
    @NotNull @Size(max = 255) @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS) String container,
    @JsonbProperty("peak_cpu_percent") @NonNegativeFinite double peakCpuPercent,
    @JsonbProperty("avg_cpu_percent") @NonNegativeFinite double avgCpuPercent,
    @JsonbProperty("peak_mem_bytes") @JsonbTypeDeserializer(StrictInteger.class) @NonNegativeFinite
        long peakMemBytes) {

  /** Rounds the CPU figures to six decimal places ({@link Decimals}). */
  public ProcessSummary {
    peakCpuPercent = Decimals.round(peakCpuPercent);
    avgCpuPercent = Decimals.round(avgCpuPercent);
  }
}
