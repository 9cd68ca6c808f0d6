package dev.runnermetrics.receiver.export.control;

import dev.runnermetrics.common.scope.Scope;
import java.time.Instant;

/**
 * One container of a job's latest run, with the advice over the job's recent runs: what the export
 * writes per label set. A figure that is not known is null and its sample is left out.
 *
 * @param scope the job
 * @param container the container's name
 * @param lastRun when the latest run was received
 * @param cpuP95Cores the run's 95th percentile of CPU cores
 * @param cpuPeakCores the run's peak CPU cores
 * @param memoryPeakBytes the run's memory peak (the cgroup's own figure where the collector had it)
 * @param cpuLimitCores the CPU limit the run had
 * @param memoryLimitBytes the memory limit the run had
 * @param oomKills OOM kills in the run
 * @param cpuThrottledRatio share of CPU periods throttled in the run
 * @param cpuRequestCores the advised CPU request
 * @param memoryRequestBytes the advised memory request
 */
public record JobUsage(
    Scope scope,
    String container,
    Instant lastRun,
    Double cpuP95Cores,
    Double cpuPeakCores,
    Double memoryPeakBytes,
    Double cpuLimitCores,
    Long memoryLimitBytes,
    Long oomKills,
    Double cpuThrottledRatio,
    Double cpuRequestCores,
    Long memoryRequestBytes) {}
