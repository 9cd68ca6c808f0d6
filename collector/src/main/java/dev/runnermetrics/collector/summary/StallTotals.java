package dev.runnermetrics.collector.summary;

import dev.runnermetrics.collector.procfs.PressureFile;
import dev.runnermetrics.common.summary.PressureStall;

/** One PSI resource over the run: the stall time's rise and the peak of the 10 s averages. */
final class StallTotals {
  private final CounterRise someMicros = new CounterRise();
  private final CounterRise fullMicros = new CounterRise();
  private double someAvg10Peak = -1;
  private double fullAvg10Peak = -1;

  void observe(PressureFile file) {
    if (file == null) {
      return;
    }
    someMicros.observe(file.some().totalMicros());
    someAvg10Peak = Math.max(someAvg10Peak, file.some().avg10Percent());
    if (file.full() != null) {
      fullMicros.observe(file.full().totalMicros());
      fullAvg10Peak = Math.max(fullAvg10Peak, file.full().avg10Percent());
    }
  }

  /** The figures; null when the file was never readable. */
  PressureStall summary() {
    if (!someMicros.known()) {
      return null;
    }
    return new PressureStall(
        someMicros.rise() / 1e6,
        fullMicros.known() ? fullMicros.rise() / 1e6 : null,
        someAvg10Peak,
        fullMicros.known() ? fullAvg10Peak : null);
  }
}
