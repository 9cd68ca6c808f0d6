package dev.runnermetrics.receiver.sizing.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;

/**
 * The advice for one container: CPU request (and limit when the method gives one), memory request
 * and limit, the limits it ran with, what was observed, which runs were used or left out, how far
 * to trust it and why. A figure the method cannot give (no clean run) is null and absent. {@code
 * memory_source} is {@code cgroup} (the kernel's figure, what the OOM killer sees), {@code rss}
 * (the processes' RSS sum) or {@code mixed} (each run's best figure).
 */
@JsonbPropertyOrder({
  "name",
  "cpuRequestCores",
  "cpuLimitCores",
  "memoryRequestBytes",
  "memoryLimitBytes",
  "memorySource",
  "current",
  "observed",
  "runsUsed",
  "runsLeftOut",
  "confidence",
  "reasons",
  "waste"
})
public record ContainerAdvice(
    String name,
    @JsonbProperty("cpu_request_cores") Double cpuRequestCores,
    @JsonbProperty("cpu_limit_cores") Double cpuLimitCores,
    @JsonbProperty("memory_request_bytes") Long memoryRequestBytes,
    @JsonbProperty("memory_limit_bytes") Long memoryLimitBytes,
    @JsonbProperty("memory_source") String memorySource,
    CurrentLimits current,
    Observed observed,
    @JsonbProperty("runs_used") int runsUsed,
    @JsonbProperty("runs_left_out") List<LeftOutRun> runsLeftOut,
    Confidence confidence,
    List<Reason> reasons,
    Waste waste) {

  /** Copies the lists. */
  public ContainerAdvice {
    runsLeftOut = List.copyOf(runsLeftOut);
    reasons = List.copyOf(reasons);
  }

  /** Whether a reason with {@code code} shaped the advice. */
  public boolean hasReason(ReasonCode code) {
    return reasons.stream().anyMatch(r -> r.code().equals(code.code()));
  }
}
