package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.common.summary.Decimals;
import dev.runnermetrics.receiver.sizing.entity.Confidence;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import java.util.List;

/**
 * How far to trust the advice, by clean runs (CI Sizer's phases, one step finer): none with 0, low
 * (learning) with 1–2, medium with 3–4, high with 5 or more, unless their chosen CPU figures vary
 * more than twofold (medium) or the newest run was OOM-killed (low: the bump is untested). The
 * range runs from the observed basis (below it a run we saw would have been slowed or killed) to
 * the advice × (1 + 1/clean runs), VPA's widening of its upper bound with little history.
 */
final class ConfidenceRule {

  /** From this many clean runs on the method leaves the learning phase. */
  static final int CONFIDENT_RUNS = 3;

  static final int HIGH_RUNS = 5;
  static final double VARIABLE_FACTOR = 2.0;

  private ConfidenceRule() {}

  static Confidence of(
      List<ContainerRun> clean,
      ContainerRun newest,
      CpuRule.Result cpu,
      MemoryRule.Result memory,
      SizingParameters parameters) {
    int k = clean.size();
    String level;
    if (k == 0) {
      level = Confidence.NONE;
    } else if (k < CONFIDENT_RUNS || newest.oomKilled()) {
      level = Confidence.LOW;
    } else if (k < HIGH_RUNS || variable(clean, parameters)) {
      level = Confidence.MEDIUM;
    } else {
      level = Confidence.HIGH;
    }
    double widen = k == 0 ? 1 : 1 + 1.0 / k;
    return new Confidence(
        level,
        k,
        cpu.basis() == null ? null : Decimals.round(cpu.basis()),
        cpu.request() == null
            ? null
            : Math.min(Steps.cpu(cpu.request() * widen), parameters.cpuCeilingCores()),
        memory.basis(),
        memory.limit() == null
            ? null
            : Steps.memory(memory.limit() * widen, parameters.memoryCeilingBytes()));
  }

  private static boolean variable(List<ContainerRun> clean, SizingParameters parameters) {
    double max = clean.stream().mapToDouble(r -> CpuRule.figure(r, parameters)).max().orElse(0);
    double min = clean.stream().mapToDouble(r -> CpuRule.figure(r, parameters)).min().orElse(0);
    return max > VARIABLE_FACTOR * min && max - min >= CpuRule.OUTLIER_MIN_GAP_CORES;
  }
}
