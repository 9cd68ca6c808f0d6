package dev.runnermetrics.receiver.sizing.control;

import static dev.runnermetrics.receiver.sizing.control.Row.GIB;
import static dev.runnermetrics.receiver.sizing.control.Row.MIB;
import static dev.runnermetrics.receiver.sizing.control.Row.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OOM bump's rows and the throttling estimate, case by case. */
class OomAndThrottlingTest {

  /** Rows given oldest first, handed over newest first as the advisor does. */
  private static List<ContainerRun> newestFirst(Row... oldestFirst) {
    List<ContainerRun> rows = new ArrayList<>(SizingAdvisorTest.rows(oldestFirst));
    Collections.reverse(rows);
    return rows;
  }

  @Test
  void aCleanRunBetweenTwoOomsBreaksTheRow() {
    OomBump bump =
        OomBump.of(
                newestFirst(
                    run("r1", 1).oomKills(1).memoryMib(2048),
                    run("r2", 2),
                    run("r3", 3).oomKills(1).memoryMib(2048)))
            .orElseThrow();
    assertEquals(1, bump.longestRow());
    assertEquals(2048 * 1.2 * MIB, bump.bytes(), 1);
    assertEquals("r3", bump.newest().runId());
  }

  @Test
  void anIncompleteRunNeitherBreaksNorExtendsTheRow() {
    OomBump bump =
        OomBump.of(
                newestFirst(
                    run("r1", 1).oomKills(1).memoryMib(2048),
                    run("r2", 2).samples(1),
                    run("r3", 3).oomKills(1).memoryMib(2048),
                    run("r4", 4).oomKills(1).memoryMib(2048)))
            .orElseThrow();
    assertEquals(3, bump.longestRow());
    assertEquals(2048 * 1.2 * 4 * MIB, bump.bytes(), 1);
  }

  @Test
  void aSmallLimitGrowsByAtLeast100MiB() {
    // 256 MiB: 1.2 × 256 = 307.2 < 256 + 100 = 356.
    OomBump bump =
        OomBump.of(newestFirst(run("r1", 1).limits(null, 256 * MIB).oomKills(1).memoryMib(250)))
            .orElseThrow();
    assertEquals(356 * MIB, bump.bytes(), 1);
  }

  @Test
  void withoutAKnownLimitThePeakIsWhatWasHit() {
    OomBump bump =
        OomBump.of(newestFirst(run("r1", 1).limits(null, null).oomKills(1).memoryMib(3000)))
            .orElseThrow();
    assertEquals(3600 * MIB, bump.bytes(), 1);
  }

  @Test
  void noOomNoBump() {
    assertTrue(OomBump.of(newestFirst(run("r1", 1), run("r2", 2))).isEmpty());
  }

  @Test
  void throttledTimeGivesTheHiddenDemand() {
    Throttling t =
        Throttling.of(
                newestFirst(
                    run("r1", 1).limits(1.0, GIB).throttled(0.5, 300),
                    run("r2", 2).limits(1.5, GIB).throttled(0.1, 30)))
            .orElseThrow();
    // r1: 1.0 + 300/600 = 1.5; r2: 1.5 + 30/600 = 1.55, the worst; the highest cap is 1.5.
    assertEquals("r2", t.worst().runId());
    assertEquals(1.55, t.demand(), 1e-9);
    assertEquals(1.5, t.cap());
  }

  @Test
  void withoutThrottledTimeTheRatioEstimatesIt() {
    Row row = run("r1", 1).limits(2.0, GIB);
    ContainerRun base = row.build();
    ContainerRun noSeconds =
        new ContainerRun(
            base.runId(),
            base.time(),
            600,
            300,
            "build",
            base.cpuCores(),
            base.memoryBytes(),
            base.cgroupMemoryBytes(),
            base.cgroupMemoryPeakBytes(),
            2.0,
            "cgroup",
            GIB,
            "cgroup",
            0L,
            6000L,
            0.25,
            null,
            null);
    Throttling t = Throttling.of(List.of(noSeconds)).orElseThrow();
    assertEquals(2.5, t.demand(), 1e-9);
  }

  @Test
  void withoutALimitThePeakIsTheCap() {
    Throttling t =
        Throttling.of(newestFirst(run("r1", 1).limits(null, GIB).cpu(0.8, 0.9).throttled(0.2, 60)))
            .orElseThrow();
    assertEquals(0.9, t.cap());
    assertEquals(1.0, t.demand(), 1e-9);
  }

  @Test
  void belowFivePercentIsNotThrottled() {
    assertTrue(Throttling.of(newestFirst(run("r1", 1).throttled(0.049, 30))).isEmpty());
  }
}
