package dev.runnermetrics.collector.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnermetrics.common.summary.Stats;
import org.junit.jupiter.api.Test;

class StatsCalculatorTest {
  private static final double EPS = 1e-9;

  @Test
  void noValuesGiveZeros() {
    assertEquals(Stats.EMPTY, StatsCalculator.of());
  }

  @Test
  void oneValueIsEveryStatistic() {
    assertEquals(new Stats(7, 7, 7, 7, 7, 7), StatsCalculator.of(7));
  }

  @Test
  void twoValuesInterpolateBetweenThem() {
    // h = (2-1)·p, so p50 = 10 + 0.5·10, p75 = 10 + 0.75·10, p95 = 19.5, p99 = 19.9
    Stats s = StatsCalculator.of(20, 10);
    assertEquals(20, s.peak(), EPS);
    assertEquals(15, s.avg(), EPS);
    assertEquals(15, s.p50(), EPS);
    assertEquals(17.5, s.p75(), EPS);
    assertEquals(19.5, s.p95(), EPS);
    assertEquals(19.9, s.p99(), EPS);
  }

  @Test
  void fiveValuesFollowR7() {
    // sorted 1 2 4 8 16; h = 4p: p50 h=2 → 4; p75 h=3 → 8; p95 h=3.8 → 8 + 0.8·8 = 14.4;
    // p99 h=3.96 → 8 + 0.96·8 = 15.68; mean 31/5 = 6.2
    Stats s = StatsCalculator.of(16, 1, 8, 2, 4);
    assertEquals(16, s.peak(), EPS);
    assertEquals(6.2, s.avg(), EPS);
    assertEquals(4, s.p50(), EPS);
    assertEquals(8, s.p75(), EPS);
    assertEquals(14.4, s.p95(), EPS);
    assertEquals(15.68, s.p99(), EPS);
  }

  @Test
  void doesNotReorderTheCallersArray() {
    double[] values = {3, 1, 2};
    StatsCalculator.of(values);
    assertEquals(3, values[0]);
  }
}
