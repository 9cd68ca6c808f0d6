package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import java.util.List;
import java.util.Optional;

/**
 * What CPU throttling in the window showed: a run throttled in at least 5 % of its CFS periods was
 * capped, so its figures show the cap, not the demand. The demand is estimated as cap + throttled
 * seconds ÷ duration (the kernel's throttled time, summed over CPUs, is at most the core-time the
 * job was refused), or cap × throttled ratio when the throttled time is unknown; the cap is the
 * run's CPU limit, or its peak when the limit is unknown.
 *
 * @param worst the throttled run with the highest estimated demand
 * @param cap the highest cap of any throttled run: the request never goes below it
 * @param demand the worst run's estimated demand in cores
 */
record Throttling(ContainerRun worst, double cap, double demand) {

  /** A run throttled in at least this share of its CFS periods was capped, not satisfied. */
  static final double THROTTLED_RATIO = 0.05;

  /** The throttling among the complete runs, if any run was throttled. */
  static Optional<Throttling> of(List<ContainerRun> complete) {
    ContainerRun worst = null;
    double cap = 0;
    double demand = 0;
    for (ContainerRun run : complete) {
      if (run.cpuThrottledRatio() == null || run.cpuThrottledRatio() < THROTTLED_RATIO) {
        continue;
      }
      double runCap = capOf(run);
      double hidden =
          run.cpuThrottledSeconds() != null
              ? run.cpuThrottledSeconds() / run.durationSeconds()
              : runCap * run.cpuThrottledRatio();
      if (worst == null || runCap + hidden > demand) {
        worst = run;
        demand = runCap + hidden;
      }
      cap = Math.max(cap, runCap);
    }
    return worst == null ? Optional.empty() : Optional.of(new Throttling(worst, cap, demand));
  }

  /** The cap of the worst run. */
  double worstCap() {
    return capOf(worst);
  }

  private static double capOf(ContainerRun run) {
    return run.cpuLimitCores() != null ? run.cpuLimitCores() : run.cpuCores().peak();
  }
}
