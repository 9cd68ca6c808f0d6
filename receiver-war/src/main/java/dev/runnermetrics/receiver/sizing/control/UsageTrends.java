package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.common.summary.InstantMillis;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.UsageTrend;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A container's per-run usage over time, for the trend chart, from the same rows as the advice. */
public final class UsageTrends {

  private UsageTrends() {}

  /** The runs of {@code container} among {@code rows} (any order), oldest first. */
  public static UsageTrend of(List<ContainerRun> rows, String container) {
    List<ContainerRun> runs =
        rows.stream()
            .filter(r -> r.container().equals(container))
            .sorted(Comparator.comparing(ContainerRun::time).thenComparing(ContainerRun::runId))
            .toList();
    List<String> ids = new ArrayList<>();
    List<String> times = new ArrayList<>();
    List<Double> durations = new ArrayList<>();
    List<Double> p95 = new ArrayList<>();
    List<Double> peak = new ArrayList<>();
    List<Long> memory = new ArrayList<>();
    List<Double> cpuLimits = new ArrayList<>();
    List<Long> memoryLimits = new ArrayList<>();
    List<Long> ooms = new ArrayList<>();
    List<Double> throttled = new ArrayList<>();
    for (ContainerRun run : runs) {
      ids.add(run.runId());
      times.add(InstantMillis.format(run.time()));
      durations.add(run.durationSeconds());
      p95.add(run.cpuCores().p95());
      peak.add(run.cpuCores().peak());
      memory.add(run.memoryPeak());
      cpuLimits.add(run.cpuLimitCores());
      memoryLimits.add(run.memoryLimitBytes());
      ooms.add(run.oomKills());
      throttled.add(run.cpuThrottledRatio());
    }
    return new UsageTrend(
        container,
        ids,
        times,
        durations,
        p95,
        peak,
        memory,
        cpuLimits,
        memoryLimits,
        ooms,
        throttled);
  }
}
