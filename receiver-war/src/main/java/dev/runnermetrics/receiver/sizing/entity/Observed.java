package dev.runnermetrics.receiver.sizing.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The figures the advice is based on: the chosen per-run CPU figure's highest value over the clean
 * runs (an outlier aside), the highest memory peak, the CPU cap that throttling showed and the
 * demand it hid (null and absent when not throttled), and each run of the window.
 */
@JsonbPropertyOrder({
  "cpuPercentile",
  "cpuBasisCores",
  "cpuPeakCores",
  "memoryBasisBytes",
  "throttledCapCores",
  "throttledDemandCores",
  "runs"
})
public record Observed(
    @JsonbProperty("cpu_percentile") String cpuPercentile,
    @JsonbProperty("cpu_basis_cores") Double cpuBasisCores,
    @JsonbProperty("cpu_peak_cores") Double cpuPeakCores,
    @JsonbProperty("memory_basis_bytes") Long memoryBasisBytes,
    @JsonbProperty("throttled_cap_cores") Double throttledCapCores,
    @JsonbProperty("throttled_demand_cores") Double throttledDemandCores,
    List<ObservedRun> runs) {

  /** Copies the list. */
  public Observed {
    runs = List.copyOf(runs);
  }
}
