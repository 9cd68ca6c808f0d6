package dev.runnermetrics.receiver.sizing.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * One container's usage per run, oldest first, as columns a chart draws directly: value {@code i}
 * of every column belongs to run {@code run_id[i]}. A figure a run's collector did not report is
 * null in its column (a gap in the chart), never 0. Memory is the cgroup's own peak where the run
 * has it, else the RSS sum's, as in the advice. Times are RFC 3339 UTC with milliseconds, as in the
 * stored runs.
 */
@JsonbPropertyOrder({
  "container",
  "runId",
  "time",
  "durationSeconds",
  "cpuP95Cores",
  "cpuPeakCores",
  "memoryPeakBytes",
  "cpuLimitCores",
  "memoryLimitBytes",
  "oomKills",
  "cpuThrottledRatio"
})
public record UsageTrend(
    String container,
    @JsonbProperty("run_id") List<String> runId,
    List<String> time,
    @JsonbProperty("duration_seconds") List<Double> durationSeconds,
    @JsonbProperty("cpu_p95_cores") List<Double> cpuP95Cores,
    @JsonbProperty("cpu_peak_cores") List<Double> cpuPeakCores,
    @JsonbProperty("memory_peak_bytes") List<Long> memoryPeakBytes,
    @JsonbProperty("cpu_limit_cores") List<Double> cpuLimitCores,
    @JsonbProperty("memory_limit_bytes") List<Long> memoryLimitBytes,
    @JsonbProperty("oom_kills") List<Long> oomKills,
    @JsonbProperty("cpu_throttled_ratio") List<Double> cpuThrottledRatio) {}
