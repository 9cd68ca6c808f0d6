package dev.runnermetrics.collector.summary;

import dev.runnermetrics.collector.procfs.CpuStat;
import dev.runnermetrics.collector.procfs.MemoryEvents;
import dev.runnermetrics.collector.sampling.CgroupReading;
import dev.runnermetrics.collector.sampling.VanishedProcess;
import dev.runnermetrics.common.summary.Limits;
import dev.runnermetrics.common.summary.ProcessRef;
import java.util.ArrayList;
import java.util.List;

/**
 * A container's cgroup over the run: the rise of its memory event and CFS counters, its pressure,
 * its latest limits, and the processes that vanished while its OOM kill counter rose (in the same
 * tick or the one after: a kill between a process read and the counter read shows one tick late).
 */
final class CgroupTotals {
  final CounterRise high = new CounterRise();
  final CounterRise max = new CounterRise();
  final CounterRise oom = new CounterRise();
  final CounterRise oomKill = new CounterRise();
  final CounterRise oomGroupKill = new CounterRise();
  final CounterRise failcnt = new CounterRise();
  final CounterRise periods = new CounterRise();
  final CounterRise throttledPeriods = new CounterRise();
  final CounterRise throttledNanos = new CounterRise();
  final PressureTotals pressure = new PressureTotals();
  Double cpuLimitCores;
  Long memoryLimitBytes;
  Long memoryHighBytes;
  private boolean oomRoseBefore;
  private boolean oomRoseNow;
  private final List<ProcessRef> oomVictims = new ArrayList<>();

  void observe(CgroupReading r) {
    MemoryEvents e = r.memoryEvents();
    high.observe(e.high());
    max.observe(e.max());
    oom.observe(e.oom());
    oomKill.observe(e.oomKill());
    oomGroupKill.observe(e.oomGroupKill());
    failcnt.observe(e.failcnt());
    CpuStat c = r.cpuStat();
    periods.observe(c.periods());
    throttledPeriods.observe(c.throttledPeriods());
    throttledNanos.observe(c.throttledNanos());
    pressure.observe(r.pressure());
    if (r.cpuLimitCores() != null) {
      cpuLimitCores = r.cpuLimitCores();
    }
    if (r.memoryLimitBytes() != null) {
      memoryLimitBytes = r.memoryLimitBytes();
    }
    if (r.memoryHighBytes() != null) {
      memoryHighBytes = r.memoryHighBytes();
    }
    oomRoseBefore = oomRoseNow;
    oomRoseNow =
        (e.oomKill() != null && oomKill.lastStep() > 0)
            || (e.oomGroupKill() != null && oomGroupKill.lastStep() > 0);
  }

  /** Names a process that vanished from this container when its OOM kill counter rose. */
  void vanished(VanishedProcess p) {
    if ((oomRoseNow || oomRoseBefore) && oomVictims.size() < Limits.MAX_OOM_VICTIMS) {
      oomVictims.add(new ProcessRef(p.pid(), p.name()));
    }
  }

  /** The OOM kills; null when no counter was readable. */
  Long oomKills() {
    return oomKill.rise();
  }

  dev.runnermetrics.common.summary.MemoryEvents memoryEvents() {
    if (!(high.known()
        || max.known()
        || oom.known()
        || oomKill.known()
        || oomGroupKill.known()
        || failcnt.known())) {
      return null;
    }
    return new dev.runnermetrics.common.summary.MemoryEvents(
        high.rise(), max.rise(), oom.rise(), oomKill.rise(), oomGroupKill.rise(), failcnt.rise());
  }

  /** Processes named as OOM-killed; null when the OOM counter never rose. */
  List<ProcessRef> oomVictims() {
    return oomVictims.isEmpty() ? null : List.copyOf(oomVictims);
  }

  Double throttledSeconds() {
    return throttledNanos.known() ? throttledNanos.rise() / 1e9 : null;
  }

  /** Share of enforcement periods throttled; 0 when no period elapsed (no quota in force). */
  Double throttledRatio() {
    if (!periods.known() || !throttledPeriods.known()) {
      return null;
    }
    long p = periods.rise();
    return p == 0 ? 0.0 : Math.min(1.0, throttledPeriods.rise() / (double) p);
  }
}
