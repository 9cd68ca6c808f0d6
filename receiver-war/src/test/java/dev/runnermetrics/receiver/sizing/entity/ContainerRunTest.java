package dev.runnermetrics.receiver.sizing.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.common.summary.Stats;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stored payload's container as the sizing method reads it, from both collector generations. */
class ContainerRunTest {

  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final Stats CPU = new Stats(1.5, 0.8, 0.8, 1.0, 1.2, 1.4);
  private static final Stats RSS = new Stats(800, 600, 600, 700, 780, 790);
  private static final Stats CGROUP = new Stats(1000, 700, 700, 800, 950, 990);

  private static RunSummary run(ContainerSummary container) {
    return new RunSummary(
        START,
        START.plusSeconds(600),
        600,
        301,
        Stats.EMPTY,
        Stats.EMPTY,
        List.of(container),
        List.of(),
        List.of());
  }

  @Test
  void readsEveryFigureOfANewCollector() {
    ContainerSummary c =
        new ContainerSummary(
            "build",
            CPU,
            RSS,
            2.0,
            2048L,
            480.0,
            "cgroup",
            CGROUP,
            1100L,
            "cgroup",
            "cgroup_limits",
            null,
            false,
            0L,
            null,
            List.of(),
            6000L,
            1200L,
            150.0,
            0.2,
            null,
            null);
    ContainerRun row = ContainerRun.of("r1", START.plusSeconds(600), run(c), c);
    assertEquals("r1", row.runId());
    assertEquals(600, row.durationSeconds());
    assertEquals(301, row.sampleCount());
    assertEquals("build", row.container());
    assertEquals(CPU, row.cpuCores());
    assertEquals(2.0, row.cpuLimitCores());
    assertEquals("cgroup", row.cpuLimitSource());
    assertEquals(2048L, row.memoryLimitBytes());
    assertEquals("cgroup_limits", row.memoryLimitSource());
    assertEquals(0L, row.oomKills());
    assertEquals(6000L, row.cpuPeriods());
    assertEquals(0.2, row.cpuThrottledRatio());
    assertEquals(150.0, row.cpuThrottledSeconds());
    assertFalse(row.memoryNearLimit());
    assertEquals(1100, row.memoryPeak(), "the kernel's high-water mark");
    assertEquals(700, row.memoryAverage());
    assertTrue(row.hasCgroupMemory());
    assertTrue(row.complete());
    assertFalse(row.oomKilled());
  }

  @Test
  void anOlderCollectorsFiguresAreUnknownNotZero() {
    ContainerSummary c =
        new ContainerSummary("build", CPU, RSS, null, null, null, null, null, null);
    ContainerRun row = ContainerRun.of("r1", START.plusSeconds(600), run(c), c);
    assertNull(row.oomKills());
    assertNull(row.cpuThrottledRatio());
    assertNull(row.cgroupMemoryPeakBytes());
    assertFalse(row.hasCgroupMemory());
    assertEquals(800, row.memoryPeak(), "the RSS sum stands in");
    assertEquals(600, row.memoryAverage());
    assertFalse(row.oomKilled(), "unknown is not an OOM kill");
  }

  @Test
  void theTickSeriesPeakCountsWhenItIsAboveTheHighWaterMark() {
    ContainerSummary c =
        new ContainerSummary("build", CPU, RSS, null, null, null, "cgroup", CGROUP, 900L);
    assertEquals(1000, ContainerRun.of("r1", START, run(c), c).memoryPeak());
  }
}
