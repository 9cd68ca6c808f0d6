package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The memory the OOM kills of the window call for. For each OOM-killed run, with L the higher of
 * its memory limit and its peak: max(1.2 × L, L + 100 MiB), VPA's bump after an OOM, doubled for
 * each OOM-killed run before it in an unbroken row (CI Sizer's escalation: a bump that did not help
 * was too small). A complete clean run breaks the row; an incomplete one neither breaks nor extends
 * it. The bump is the highest over the window.
 *
 * @param runs the OOM-killed runs, oldest first
 * @param longestRow the longest row of consecutive OOM-killed runs
 * @param bytes the bump, unrounded and uncapped
 */
record OomBump(List<ContainerRun> runs, int longestRow, double bytes) {

  static final double FACTOR = 1.2;
  static final long MIN_STEP_BYTES = 100L * 1024 * 1024;

  /** Doubling beyond this many OOMs in a row exceeds any ceiling anyway. */
  private static final int MAX_DOUBLINGS = 40;

  /** The bump for the container's runs of the window (newest first), if any was OOM-killed. */
  static Optional<OomBump> of(List<ContainerRun> newestFirst) {
    List<ContainerRun> runs = new ArrayList<>();
    int row = 0;
    int longest = 0;
    double bump = 0;
    for (int i = newestFirst.size() - 1; i >= 0; i--) {
      ContainerRun run = newestFirst.get(i);
      if (run.oomKilled()) {
        row++;
        longest = Math.max(longest, row);
        runs.add(run);
        long hit =
            Math.max(run.memoryLimitBytes() == null ? 0 : run.memoryLimitBytes(), run.memoryPeak());
        double once = Math.max(hit * FACTOR, hit + MIN_STEP_BYTES);
        bump = Math.max(bump, once * Math.pow(2, Math.min(row - 1, MAX_DOUBLINGS)));
      } else if (run.complete()) {
        row = 0;
      }
    }
    return runs.isEmpty() ? Optional.empty() : Optional.of(new OomBump(runs, longest, bump));
  }

  /** Copies the list. */
  OomBump {
    runs = List.copyOf(runs);
  }

  /** The newest OOM-killed run. */
  ContainerRun newest() {
    return runs.get(runs.size() - 1);
  }
}
