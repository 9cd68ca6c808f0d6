package dev.runnermetrics.receiver.sizing.entity;

import dev.runnermetrics.common.summary.InstantMillis;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * What one run of the window showed for the container: the chosen CPU figure and the peaks, OOM
 * kills and the throttled share (null when the collector did not report them).
 */
@JsonbPropertyOrder({
  "runId",
  "time",
  "used",
  "cpuCores",
  "cpuPeakCores",
  "memoryPeakBytes",
  "oomKills",
  "cpuThrottledRatio"
})
public record ObservedRun(
    @JsonbProperty("run_id") String runId,
    @JsonbTypeAdapter(InstantMillis.class) Instant time,
    boolean used,
    @JsonbProperty("cpu_cores") double cpuCores,
    @JsonbProperty("cpu_peak_cores") double cpuPeakCores,
    @JsonbProperty("memory_peak_bytes") long memoryPeakBytes,
    @JsonbProperty("oom_kills") Long oomKills,
    @JsonbProperty("cpu_throttled_ratio") Double cpuThrottledRatio) {}
