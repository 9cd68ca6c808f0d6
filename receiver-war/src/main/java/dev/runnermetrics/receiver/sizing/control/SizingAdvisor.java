package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.common.summary.Decimals;
import dev.runnermetrics.receiver.sizing.entity.Confidence;
import dev.runnermetrics.receiver.sizing.entity.ContainerAdvice;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.CurrentLimits;
import dev.runnermetrics.receiver.sizing.entity.LeftOutRun;
import dev.runnermetrics.receiver.sizing.entity.Observed;
import dev.runnermetrics.receiver.sizing.entity.ObservedRun;
import dev.runnermetrics.receiver.sizing.entity.Reason;
import dev.runnermetrics.receiver.sizing.entity.ReasonCode;
import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import dev.runnermetrics.receiver.sizing.entity.Waste;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The sizing method for one job: from its stored container rows to advice per container. The window
 * is the {@code runs} newest runs; in it, a container's run is clean when it is complete and no
 * process was OOM-killed. CPU, memory, confidence and waste each have their own rule.
 */
public final class SizingAdvisor {

  private static final Comparator<ContainerRun> NEWEST_FIRST =
      Comparator.comparing(ContainerRun::time).thenComparing(ContainerRun::runId).reversed();

  private SizingAdvisor() {}

  /**
   * Advice for the job whose container rows are {@code rows} (any order; rows of runs beyond the
   * window are ignored), with {@code parameters} already validated.
   */
  public static SizingAdvice advise(List<ContainerRun> rows, SizingParameters parameters) {
    Set<String> window = window(rows, parameters.runs());
    Map<String, List<ContainerRun>> byContainer = new TreeMap<>();
    rows.stream()
        .filter(r -> window.contains(r.runId()))
        .sorted(NEWEST_FIRST)
        .forEach(r -> byContainer.computeIfAbsent(r.container(), c -> new ArrayList<>()).add(r));
    List<ContainerAdvice> containers = new ArrayList<>();
    byContainer.forEach(
        (name, runs) -> containers.add(container(name, runs, window.size(), parameters)));
    double wasteCore = 0;
    double wasteGib = 0;
    double savesCore = 0;
    double savesGib = 0;
    for (ContainerAdvice advice : containers) {
      Waste waste = advice.waste();
      if (waste.cpu() != null) {
        wasteCore += waste.cpu().wasteCoreHours();
        savesCore += orZero(waste.cpu().adviceSavesCoreHours());
      }
      if (waste.memory() != null) {
        wasteGib += waste.memory().wasteGibHours();
        savesGib += orZero(waste.memory().adviceSavesGibHours());
      }
    }
    return new SizingAdvice(
        window.size(),
        parameters.cpuPercentile().label(),
        parameters.headroom(),
        containers,
        Decimals.round(wasteCore),
        Decimals.round(wasteGib),
        Decimals.round(savesCore),
        Decimals.round(savesGib));
  }

  /** The ids of the {@code runs} newest runs (a run's time is the latest of its rows). */
  static Set<String> window(List<ContainerRun> rows, int runs) {
    Map<String, Instant> times = new HashMap<>();
    for (ContainerRun row : rows) {
      times.merge(row.runId(), row.time(), (a, b) -> a.isAfter(b) ? a : b);
    }
    return times.entrySet().stream()
        .sorted(
            Map.Entry.<String, Instant>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey())
                .reversed())
        .limit(runs)
        .map(Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  private static ContainerAdvice container(
      String name, List<ContainerRun> runs, int runsInWindow, SizingParameters parameters) {
    ContainerRun newest = runs.get(0);
    List<ContainerRun> complete = new ArrayList<>();
    List<ContainerRun> clean = new ArrayList<>();
    List<LeftOutRun> leftOut = new ArrayList<>();
    List<ObservedRun> observed = new ArrayList<>();
    for (ContainerRun run : runs) {
      boolean used = false;
      if (run.oomKilled()) {
        leftOut.add(new LeftOutRun(run.runId(), LeftOutRun.OOM_KILLED));
      } else if (!run.complete()) {
        leftOut.add(new LeftOutRun(run.runId(), LeftOutRun.INCOMPLETE));
      } else {
        clean.add(run);
        used = true;
      }
      if (run.complete()) {
        complete.add(run);
      }
      observed.add(
          new ObservedRun(
              run.runId(),
              run.time(),
              used,
              CpuRule.figure(run, parameters),
              run.cpuCores().peak(),
              run.memoryPeak(),
              run.oomKills(),
              run.cpuThrottledRatio()));
    }
    CpuRule.Result cpu = CpuRule.advise(clean, complete, newest, parameters);
    MemoryRule.Result memory = MemoryRule.advise(clean, runs, parameters);
    Confidence confidence = ConfidenceRule.of(clean, newest, cpu, memory, parameters);

    List<Reason> reasons = new ArrayList<>();
    if (clean.isEmpty()) {
      reasons.add(
          Reason.of(
              ReasonCode.NO_CLEAN_RUNS,
              "no complete run without an OOM kill in the window: no CPU advice"
                  + (memory.limit() == null ? " and no memory advice" : "")));
    } else if (clean.size() < ConfidenceRule.CONFIDENT_RUNS) {
      reasons.add(
          Reason.of(
              ReasonCode.TOO_FEW_RUNS,
              Amounts.runs(clean.size())
                  + " clean, fewer than "
                  + ConfidenceRule.CONFIDENT_RUNS
                  + ": learning, with three times the headroom ("
                  + Amounts.percent(parameters.headroomFor(clean.size()))
                  + ")"));
    }
    if (runs.size() < runsInWindow) {
      reasons.add(
          Reason.of(
              ReasonCode.PARTIAL_PRESENCE,
              "present in "
                  + runs.size()
                  + " of the "
                  + runsInWindow
                  + " runs of the window: the advice covers the runs it was in"));
    }
    if (newest.memoryLimitBytes() == null) {
      reasons.add(
          Reason.of(
              ReasonCode.NO_LIMITS,
              (newest.cpuLimitCores() == null ? "no CPU or memory limit" : "no memory limit")
                  + " in its newest run: the advice sets the memory limit for the first time"));
    }
    reasons.addAll(cpu.reasons());
    reasons.addAll(memory.reasons());

    Waste waste = WasteRule.of(runs, cpu.request(), memory.limit());
    return new ContainerAdvice(
        name,
        cpu.request(),
        cpu.limit(),
        memory.limit(),
        memory.limit(),
        memory.source(),
        new CurrentLimits(
            newest.cpuLimitCores(),
            newest.cpuLimitSource(),
            newest.memoryLimitBytes(),
            newest.memoryLimitSource()),
        new Observed(
            parameters.cpuPercentile().label(),
            cpu.basis() == null ? null : Decimals.round(cpu.basis()),
            cpu.peak() == null ? null : Decimals.round(cpu.peak()),
            memory.basis(),
            cpu.throttledCap() == null ? null : Decimals.round(cpu.throttledCap()),
            cpu.throttledDemand() == null ? null : Decimals.round(cpu.throttledDemand()),
            observed),
        clean.size(),
        leftOut,
        confidence,
        reasons,
        waste);
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }
}
