package dev.runnermetrics.receiver.sizing.entity;

import dev.runnermetrics.common.summary.InstantMillis;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import java.time.Instant;

/**
 * One job of the organisation view, from SQL aggregates over its stored container rows. Waste is
 * null when no row of the job had a limit and the figures it needs (see docs/sizing.md).
 *
 * @param runCount the job's stored runs
 * @param lastRunAt when its newest run arrived
 * @param oomKills OOM kills summed over its container rows (rows without the figure count 0)
 * @param throttledRuns container rows with a throttled share above 0
 * @param cpuThrottledRatio the highest throttled share of any of its container rows
 * @param cleanRuns runs without an OOM kill in any container, what the confidence rests on
 */
@JsonbPropertyOrder({
  "repository",
  "workflow",
  "job",
  "runCount",
  "lastRunAt",
  "wasteCoreHours",
  "wasteGibHours",
  "oomKills",
  "throttledRuns",
  "cpuThrottledRatio",
  "cleanRuns",
  "confidence"
})
public record JobSummary(
    String repository,
    String workflow,
    String job,
    @JsonbProperty("run_count") long runCount,
    @JsonbProperty("last_run_at") @JsonbTypeAdapter(InstantMillis.class) Instant lastRunAt,
    @JsonbProperty("waste_core_hours") Double wasteCoreHours,
    @JsonbProperty("waste_gib_hours") Double wasteGibHours,
    @JsonbProperty("oom_kills") long oomKills,
    @JsonbProperty("throttled_runs") long throttledRuns,
    @JsonbProperty("cpu_throttled_ratio") Double cpuThrottledRatio,
    @JsonbProperty("clean_runs") long cleanRuns,
    String confidence) {}
