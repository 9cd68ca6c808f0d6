package dev.runnermetrics.collector.sampling;

import dev.runnermetrics.collector.procfs.PressureFile;

/**
 * The three PSI files of a cgroup ({@code cpu.pressure}, {@code memory.pressure}, {@code
 * io.pressure}) or of the host ({@code /proc/pressure/*}) at one tick; null where not readable.
 */
public record PressureReading(PressureFile cpu, PressureFile memory, PressureFile io) {
  /** Nothing readable. */
  public static final PressureReading NONE = new PressureReading(null, null, null);

  public boolean any() {
    return cpu != null || memory != null || io != null;
  }
}
