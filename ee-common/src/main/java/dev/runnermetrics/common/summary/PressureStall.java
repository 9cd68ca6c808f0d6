package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.constraints.DecimalMax;

/**
 * Pressure stall information (PSI) of one resource over the run, from a {@code *.pressure} file:
 * the time some (or all) tasks were stalled on it, and the peak of the kernel's 10 s averages seen
 * at the ticks, in percent. A figure the kernel does not offer (e.g. {@code full} for CPU on older
 * kernels) is null and absent.
 */
@JsonbPropertyOrder({"someSeconds", "fullSeconds", "someAvg10PeakPercent", "fullAvg10PeakPercent"})
public record PressureStall(
    @JsonbProperty("some_seconds") @NonNegativeFinite Double someSeconds,
    @JsonbProperty("full_seconds") @NonNegativeFinite Double fullSeconds,
    @JsonbProperty("some_avg10_peak_percent") @NonNegativeFinite @DecimalMax("100")
        Double someAvg10PeakPercent,
    @JsonbProperty("full_avg10_peak_percent") @NonNegativeFinite @DecimalMax("100")
        Double fullAvg10PeakPercent) {

  /** Rounds every figure to six decimal places ({@link Decimals}). */
  public PressureStall {
    someSeconds = Decimals.round(someSeconds);
    fullSeconds = Decimals.round(fullSeconds);
    someAvg10PeakPercent = Decimals.round(someAvg10PeakPercent);
    fullAvg10PeakPercent = Decimals.round(fullAvg10PeakPercent);
  }
}
