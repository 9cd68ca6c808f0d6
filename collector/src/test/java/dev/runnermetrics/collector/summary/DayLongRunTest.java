package dev.runnermetrics.collector.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.collector.grouping.ContainerLimits;
import dev.runnermetrics.collector.sampling.ContainerSample;
import dev.runnermetrics.collector.sampling.ProcessSample;
import dev.runnermetrics.collector.sampling.TickSample;
import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A 24-hour run at 1 s: 86,400 ticks, 10 containers with their cgroup memory figures. The exact
 * series cost at most 1 MiB each (86,400 doubles = 675 KiB in an array that grows by doubling), so
 * no sketch is needed, and the percentiles stay exact.
 */
class DayLongRunTest {
  private static final int TICKS = 86_400;
  private static final int CONTAINERS = 10;
  private static final long MIB = 1 << 20;

  @Test
  void aDayAtOneSecondHoldsAtMostOneMibPerSeriesAndExactPercentiles() {
    Runtime rt = Runtime.getRuntime();
    long heapBefore = usedAfterGc(rt);
    Accumulator acc = new Accumulator(5);
    List<ProcessSample> ps = new ArrayList<>();
    for (int c = 0; c < CONTAINERS; c++) {
      for (int p = 0; p < 3; p++) {
        ps.add(new ProcessSample(100 + c * 3 + p, 5000, "p" + p, "c" + c, 0.1, true, MIB));
      }
    }
    for (int t = 0; t < TICKS; t++) {
      List<ContainerSample> cs = new ArrayList<>(CONTAINERS);
      for (int c = 0; c < CONTAINERS; c++) {
        // cores run through 0 .. 0.86399 once: the exact percentiles are known
        cs.add(new ContainerSample("c" + c, t / 100_000.0, MIB * c, t / 100_000.0, true, MIB, MIB));
      }
      acc.add(new TickSample(Instant.EPOCH, 1, 50, 1_000_000, cs, ps, 0));
    }
    long heapAfter = usedAfterGc(rt);
    int series = acc.seriesCount();
    assertEquals(2 + 3 * CONTAINERS, series);
    long perSeries = acc.retainedSeriesBytes() / series;
    assertTrue(perSeries <= MIB, "bytes per series: " + perSeries);
    // nothing else grows with the run: the heap grew by little more than the series
    assertTrue(
        heapAfter - heapBefore <= acc.retainedSeriesBytes() + 4 * MIB,
        "heap grew " + (heapAfter - heapBefore) + " for series of " + acc.retainedSeriesBytes());

    long started = System.nanoTime();
    RunSummary s =
        acc.summarize(Instant.EPOCH, Instant.EPOCH.plusSeconds(TICKS), ContainerLimits.none());
    double summarizeMs = (System.nanoTime() - started) / 1e6;
    assertTrue(summarizeMs < 5000, "summary took " + summarizeMs + " ms");
    ContainerSummary c0 = s.containers().get(0);
    // R-7 over 0, 1e-5, …, 0.86399: p95 at rank 0.95 × 86399 = 82079.05, i.e. 0.8207905, which the
    // contract keeps to six decimal places (neighbouring values are 1e-5 apart)
    assertEquals(0.8207905, c0.cpuCores().p95(), 1e-6);
    assertEquals(0.431995, c0.cpuCores().p50(), 1e-12);
    assertEquals(0.86399, c0.cpuCores().peak(), 1e-12);
    assertEquals(TICKS, s.sampleCount());
  }

  private static long usedAfterGc(Runtime rt) {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return rt.totalMemory() - rt.freeMemory();
  }
}
