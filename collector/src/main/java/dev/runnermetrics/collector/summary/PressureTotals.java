package dev.runnermetrics.collector.summary;

import dev.runnermetrics.collector.sampling.PressureReading;
import dev.runnermetrics.common.summary.Pressure;

/** CPU, memory and I/O pressure of a cgroup or the host over the run. */
final class PressureTotals {
  private final StallTotals cpu = new StallTotals();
  private final StallTotals memory = new StallTotals();
  private final StallTotals io = new StallTotals();

  void observe(PressureReading r) {
    cpu.observe(r.cpu());
    memory.observe(r.memory());
    io.observe(r.io());
  }

  /** The figures; null when no pressure file was ever readable. */
  Pressure summary() {
    Pressure p = new Pressure(cpu.summary(), memory.summary(), io.summary());
    return p.cpu() == null && p.memory() == null && p.io() == null ? null : p;
  }
}
