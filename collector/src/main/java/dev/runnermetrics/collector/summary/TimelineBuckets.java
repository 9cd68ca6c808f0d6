package dev.runnermetrics.collector.summary;

import dev.runnermetrics.common.summary.Limits;
import dev.runnermetrics.common.summary.Timeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A usage series over time in at most {@link Limits#MAX_TIMELINE_POINTS} buckets, whatever the
 * run's length: buckets start 1 s wide, and when a sample falls beyond the last one, the width
 * doubles and neighbouring buckets merge pairwise. Each bucket keeps the maximum, sum and count of
 * its samples, so a spike is never averaged away. Memory is fixed: a few arrays of 300.
 */
final class TimelineBuckets {
  static final int POINTS = Limits.MAX_TIMELINE_POINTS;
  static final double INITIAL_WIDTH_SECONDS = 1.0;

  private double width = INITIAL_WIDTH_SECONDS;
  private final double[] cpuMax = new double[POINTS];
  private final double[] cpuSum = new double[POINTS];
  private final long[] memMax = new long[POINTS];
  private final double[] memSum = new double[POINTS];
  private final int[] count = new int[POINTS];

  /** Adds a sample taken {@code offsetSeconds} after the series' origin. */
  void add(double offsetSeconds, double cpuCores, long memoryBytes) {
    double at = Math.max(0, offsetSeconds);
    int i = (int) (at / width);
    while (i >= POINTS) {
      halve();
      i = (int) (at / width);
    }
    cpuMax[i] = count[i] == 0 ? cpuCores : Math.max(cpuMax[i], cpuCores);
    memMax[i] = count[i] == 0 ? memoryBytes : Math.max(memMax[i], memoryBytes);
    cpuSum[i] += cpuCores;
    memSum[i] += memoryBytes;
    count[i]++;
  }

  /** Doubles the width: bucket {@code i} becomes buckets {@code 2i} and {@code 2i+1} merged. */
  private void halve() {
    for (int i = 0; i < POINTS / 2; i++) {
      int a = 2 * i;
      int b = a + 1;
      cpuMax[i] = max(cpuMax, a, b);
      memMax[i] =
          count[a] == 0 ? memMax[b] : count[b] == 0 ? memMax[a] : Math.max(memMax[a], memMax[b]);
      cpuSum[i] = cpuSum[a] + cpuSum[b];
      memSum[i] = memSum[a] + memSum[b];
      count[i] = count[a] + count[b];
    }
    Arrays.fill(cpuMax, POINTS / 2, POINTS, 0);
    Arrays.fill(memMax, POINTS / 2, POINTS, 0);
    Arrays.fill(cpuSum, POINTS / 2, POINTS, 0);
    Arrays.fill(memSum, POINTS / 2, POINTS, 0);
    Arrays.fill(count, POINTS / 2, POINTS, 0);
    width *= 2;
  }

  private double max(double[] v, int a, int b) {
    if (count[a] == 0) {
      return v[b];
    }
    return count[b] == 0 ? v[a] : Math.max(v[a], v[b]);
  }

  /**
   * The series as the contract's columns, empty buckets left out.
   *
   * @param shiftSeconds added to every offset: the series' origin minus the run's start
   */
  Timeline toTimeline(double shiftSeconds) {
    List<Double> offsets = new ArrayList<>();
    List<Double> cpuMaxes = new ArrayList<>();
    List<Double> cpuAvgs = new ArrayList<>();
    List<Long> memMaxes = new ArrayList<>();
    List<Long> memAvgs = new ArrayList<>();
    for (int i = 0; i < POINTS; i++) {
      if (count[i] == 0) {
        continue;
      }
      offsets.add(Math.max(0, i * width + shiftSeconds));
      cpuMaxes.add(cpuMax[i]);
      cpuAvgs.add(cpuSum[i] / count[i]);
      memMaxes.add(memMax[i]);
      memAvgs.add(Math.round(memSum[i] / count[i]));
    }
    return new Timeline(width, offsets, cpuMaxes, cpuAvgs, memMaxes, memAvgs);
  }

  /** Bytes held, fixed whatever the run's length. */
  static long retainedBytes() {
    return POINTS * (8L + 8 + 8 + 8 + 4);
  }
}
