package dev.runnermetrics.collector.summary;

/**
 * The rise of a kernel counter over the run, from the readings at the ticks. A counter that goes
 * backwards was reset (its cgroup was removed and created again): its new value is all rise.
 */
final class CounterRise {
  private long last = -1;
  private long rise;
  private long lastStep;

  /** Takes one reading; null (not readable at this tick) changes nothing. */
  void observe(Long value) {
    if (value == null) {
      return;
    }
    lastStep = 0;
    if (last >= 0) {
      lastStep = value >= last ? value - last : value;
      rise += lastStep;
    }
    last = value;
  }

  /** Whether any reading was taken. */
  boolean known() {
    return last >= 0;
  }

  /** The rise so far; null when the counter was never readable. */
  Long rise() {
    return known() ? rise : null;
  }

  /** How much the latest reading added. */
  long lastStep() {
    return lastStep;
  }
}
