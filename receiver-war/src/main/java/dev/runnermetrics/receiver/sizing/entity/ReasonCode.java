package dev.runnermetrics.receiver.sizing.entity;

import java.util.Locale;

/** Why the advice for a container is what it is; each code is documented in docs/sizing.md. */
public enum ReasonCode {
  /** No complete run without an OOM kill: there is nothing to base CPU advice on. */
  NO_CLEAN_RUNS,
  /** Fewer than three clean runs: the learning phase, with three times the headroom. */
  TOO_FEW_RUNS,
  /** A run in the window was OOM-killed: memory grows by the OOM rule. */
  OOM_KILLED,
  /** Consecutive OOM-killed runs: the OOM rule doubles for each one after the first. */
  OOM_REPEATED,
  /** The container was throttled at a CPU cap that hid its demand. */
  CPU_THROTTLED,
  /** The memory peak came within 5 % of the memory limit. */
  MEMORY_NEAR_LIMIT,
  /** One run's CPU was far above the others' and was left out of the CPU basis. */
  CPU_OUTLIER,
  /** The container is missing from some runs of the window. */
  PARTIAL_PRESENCE,
  /** The container ran without CPU or memory limits. */
  NO_LIMITS,
  /** Some runs come from collectors without OOM counters: an OOM there cannot be seen. */
  OOM_UNKNOWN,
  /** Some capped runs come from collectors without throttling counters. */
  THROTTLING_UNKNOWN,
  /** Some runs lack the cgroup's memory figure, so their RSS sum stands in for it. */
  MEMORY_FROM_RSS,
  /** The advice reached the configured CPU ceiling and was cut to it. */
  CPU_CEILING,
  /** The advice reached the configured memory ceiling and was cut to it. */
  MEMORY_CEILING;

  /** The JSON form: {@code oom_killed}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
