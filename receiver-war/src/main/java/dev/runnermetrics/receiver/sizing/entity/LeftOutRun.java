package dev.runnermetrics.receiver.sizing.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * A run of the window the advice did not learn from, and why: {@code oom_killed}, {@code
 * incomplete}.
 */
@JsonbPropertyOrder({"runId", "reason"})
public record LeftOutRun(@JsonbProperty("run_id") String runId, String reason) {

  /** Left out because the kernel killed a process of the container for memory. */
  public static final String OOM_KILLED = "oom_killed";

  /** Left out because the collector took fewer than two ticks or no time. */
  public static final String INCOMPLETE = "incomplete";
}
