package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.Reason;
import dev.runnermetrics.receiver.sizing.entity.ReasonCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * CPU advice. Basis: the highest value over the clean runs of each run's chosen figure (p95 by
 * default), except one outlier: with five clean runs or more, a highest value above twice the
 * median of the others (and at least 0.1 cores above it) is left out and the next one is the basis.
 * Request: basis × (1 + headroom), rounded up to 50m, never below a CPU cap that throttled the
 * container in the window. Limit: only when the newest run had one (a limit throttles a build that
 * could have used idle cores, so we never introduce one): the higher of the highest peak and the
 * demand throttling hid, × (1 + headroom), at least the request. Both at most the ceiling.
 */
final class CpuRule {

  static final double OUTLIER_FACTOR = 2.0;
  static final double OUTLIER_MIN_GAP_CORES = 0.1;
  static final int OUTLIER_MIN_RUNS = 5;

  /** What the rule found and advises; a figure it cannot give is null. */
  record Result(
      Double basis,
      Double peak,
      Double request,
      Double limit,
      Double throttledCap,
      Double throttledDemand,
      List<Reason> reasons) {}

  private CpuRule() {}

  /**
   * @param clean the complete runs without OOM kills, newest first
   * @param complete every complete run of the window (a throttled OOM run still shows its cap)
   * @param newest the container's newest run, whose limits are the current ones
   */
  static Result advise(
      List<ContainerRun> clean,
      List<ContainerRun> complete,
      ContainerRun newest,
      SizingParameters parameters) {
    List<Reason> reasons = new ArrayList<>();
    if (clean.isEmpty()) {
      return new Result(null, null, null, null, null, null, reasons);
    }
    double headroom = parameters.headroomFor(clean.size());
    double basis = basis(clean, parameters, reasons);
    double peak = clean.stream().mapToDouble(r -> r.cpuCores().peak()).max().orElseThrow();
    double request = Steps.cpu(basis * (1 + headroom));

    Optional<Throttling> throttling = Throttling.of(complete);
    double demand = throttling.map(Throttling::demand).orElse(0.0);
    if (throttling.isPresent()) {
      request = Math.max(request, Steps.cpu(throttling.get().cap()));
    }
    Double limit = null;
    if (newest.cpuLimitCores() != null) {
      limit = Math.max(request, Steps.cpu(Math.max(peak, demand) * (1 + headroom)));
    }
    if (throttling.isPresent()) {
      reasons.add(throttled(throttling.get(), limit != null));
    }
    boolean capped = request > parameters.cpuCeilingCores();
    request = Math.min(request, parameters.cpuCeilingCores());
    if (limit != null) {
      capped |= limit > parameters.cpuCeilingCores();
      limit = Math.min(limit, parameters.cpuCeilingCores());
    }
    if (capped) {
      reasons.add(
          Reason.of(
              ReasonCode.CPU_CEILING,
              "the advice was cut to the CPU ceiling of "
                  + Amounts.cores(parameters.cpuCeilingCores())));
    }
    if (complete.stream()
        .anyMatch(r -> r.cpuLimitCores() != null && r.cpuThrottledRatio() == null)) {
      reasons.add(
          Reason.of(
              ReasonCode.THROTTLING_UNKNOWN,
              "some runs with a CPU limit come from a collector without throttling counters:"
                  + " a cap may have hidden demand there"));
    }
    return new Result(
        basis,
        peak,
        request,
        limit,
        throttling.map(Throttling::cap).orElse(null),
        throttling.map(Throttling::demand).orElse(null),
        reasons);
  }

  private static Reason throttled(Throttling throttling, boolean limitAdvised) {
    ContainerRun run = throttling.worst();
    return Reason.of(
        ReasonCode.CPU_THROTTLED,
        "throttled in "
            + Amounts.percent(run.cpuThrottledRatio())
            + " of its CPU periods at a cap of "
            + Amounts.cores(throttling.worstCap())
            + " in run "
            + run.runId()
            + ": the cap hid its demand of about "
            + Amounts.cores(throttling.demand())
            + "; grow the CPU "
            + (limitAdvised ? "limit" : "allowance")
            + " by at least "
            + Amounts.cores(throttling.demand() - throttling.worstCap())
            + " (the request stays at or above the cap of "
            + Amounts.cores(throttling.cap())
            + ")");
  }

  /**
   * The highest chosen figure of the clean runs, or the next one when the highest is an outlier.
   */
  private static double basis(
      List<ContainerRun> clean, SizingParameters parameters, List<Reason> reasons) {
    List<ContainerRun> byFigure = new ArrayList<>(clean);
    byFigure.sort(Comparator.comparingDouble((ContainerRun r) -> figure(r, parameters)).reversed());
    double basis = figure(byFigure.get(0), parameters);
    if (byFigure.size() >= OUTLIER_MIN_RUNS) {
      double median = median(byFigure.subList(1, byFigure.size()), parameters);
      if (basis > OUTLIER_FACTOR * median && basis - median >= OUTLIER_MIN_GAP_CORES) {
        reasons.add(
            Reason.of(
                ReasonCode.CPU_OUTLIER,
                "run "
                    + byFigure.get(0).runId()
                    + " used "
                    + Amounts.cores(basis)
                    + " at "
                    + parameters.cpuPercentile().label()
                    + ", more than twice the other runs' median of "
                    + Amounts.cores(median)
                    + ": left out of the CPU basis, which is the next run's "
                    + Amounts.cores(figure(byFigure.get(1), parameters))));
        basis = figure(byFigure.get(1), parameters);
      }
    }
    return basis;
  }

  /** The run's chosen CPU figure. */
  static double figure(ContainerRun run, SizingParameters parameters) {
    return parameters.cpuPercentile().of(run.cpuCores());
  }

  /** The median of the runs' figures, sorted highest first. */
  private static double median(List<ContainerRun> sortedDescending, SizingParameters parameters) {
    int n = sortedDescending.size();
    double upper = figure(sortedDescending.get((n - 1) / 2), parameters);
    double lower = figure(sortedDescending.get(n / 2), parameters);
    return (upper + lower) / 2;
  }
}
