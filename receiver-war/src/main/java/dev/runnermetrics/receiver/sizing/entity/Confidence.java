package dev.runnermetrics.receiver.sizing.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * How far to trust the advice: {@code level} is {@code none}, {@code low} (learning), {@code
 * medium} or {@code high}; the range runs from what was observed (below it a seen run would have
 * been slowed or killed) to the advice widened by 1/clean_runs (VPA's bound).
 */
@JsonbPropertyOrder({
  "level",
  "cleanRuns",
  "cpuLowCores",
  "cpuHighCores",
  "memoryLowBytes",
  "memoryHighBytes"
})
public record Confidence(
    String level,
    @JsonbProperty("clean_runs") int cleanRuns,
    @JsonbProperty("cpu_low_cores") Double cpuLowCores,
    @JsonbProperty("cpu_high_cores") Double cpuHighCores,
    @JsonbProperty("memory_low_bytes") Long memoryLowBytes,
    @JsonbProperty("memory_high_bytes") Long memoryHighBytes) {

  /** No clean run: nothing to trust. */
  public static final String NONE = "none";

  /** One or two clean runs: the learning phase. */
  public static final String LOW = "low";

  /** Three or four clean runs, or five whose CPU varies a lot, or an untested OOM bump. */
  public static final String MEDIUM = "medium";

  /** Five clean runs or more that agree. */
  public static final String HIGH = "high";
}
