package dev.runnermetrics.receiver.export.control;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The usage export as Prometheus text: one gauge family per figure, one sample per job and
 * container, labelled {@code organization}, {@code repository}, {@code workflow}, {@code job},
 * {@code container}. A figure that is unknown for a container is left out, never written as 0.
 */
public final class UsageExposition {

  private record Family(String name, String help, Function<JobUsage, Number> value) {}

  private static final List<Family> FAMILIES =
      List.of(
          new Family(
              "runner_job_last_run_timestamp_seconds",
              "When the job's latest run was received (Unix time)",
              u -> u.lastRun().toEpochMilli() / 1000.0),
          new Family(
              "runner_job_cpu_p95_cores",
              "95th percentile of the container's CPU use in the job's latest run, in cores",
              JobUsage::cpuP95Cores),
          new Family(
              "runner_job_cpu_peak_cores",
              "Peak CPU use of the container in the job's latest run, in cores",
              JobUsage::cpuPeakCores),
          new Family(
              "runner_job_memory_peak_bytes",
              "Peak memory of the container in the job's latest run (the cgroup's figure where"
                  + " known, else the RSS sum)",
              JobUsage::memoryPeakBytes),
          new Family(
              "runner_job_cpu_limit_cores",
              "CPU limit of the container in the job's latest run, in cores",
              JobUsage::cpuLimitCores),
          new Family(
              "runner_job_memory_limit_bytes",
              "Memory limit of the container in the job's latest run",
              JobUsage::memoryLimitBytes),
          new Family(
              "runner_job_oom_kills",
              "Processes the kernel OOM-killed in the container during the job's latest run",
              JobUsage::oomKills),
          new Family(
              "runner_job_cpu_throttled_ratio",
              "Share of the container's CPU periods that were throttled in the latest run (0-1)",
              JobUsage::cpuThrottledRatio),
          new Family(
              "runner_job_cpu_request_recommended_cores",
              "CPU request advised from the job's recent runs (docs/sizing.md), in cores",
              JobUsage::cpuRequestCores),
          new Family(
              "runner_job_memory_request_recommended_bytes",
              "Memory request advised from the job's recent runs (docs/sizing.md)",
              JobUsage::memoryRequestBytes));

  private UsageExposition() {}

  /** The exposition of {@code rows}. */
  public static String render(List<JobUsage> rows) {
    ExpositionWriter out = new ExpositionWriter();
    for (Family family : FAMILIES) {
      out.family(family.name(), "gauge", family.help());
      for (JobUsage row : rows) {
        Number value = family.value().apply(row);
        if (value != null) {
          out.sample(family.name(), labels(row), value.doubleValue());
        }
      }
    }
    return out.text();
  }

  private static Map<String, String> labels(JobUsage row) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("organization", row.scope().organization());
    labels.put("repository", row.scope().repository());
    labels.put("workflow", row.scope().workflow());
    labels.put("job", row.scope().job());
    labels.put("container", row.container());
    return labels;
  }
}
