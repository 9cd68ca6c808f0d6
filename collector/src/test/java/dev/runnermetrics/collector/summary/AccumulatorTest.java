package dev.runnermetrics.collector.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.collector.grouping.ContainerLimits;
import dev.runnermetrics.collector.sampling.ContainerSample;
import dev.runnermetrics.collector.sampling.ProcessSample;
import dev.runnermetrics.collector.sampling.TickSample;
import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ProcessSummary;
import dev.runnermetrics.common.summary.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccumulatorTest {

  @Test
  void memoryDoesNotGrowWithProcessesThatCameAndWent() {
    Accumulator acc = new Accumulator(5);
    int maxTracked = 0;
    // 20,000 short-lived processes, 10 alive per tick, like a build spawning compilers
    for (int tick = 0; tick < 2000; tick++) {
      List<ProcessSample> ps = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int pid = 1000 + tick * 10 + i;
        ps.add(new ProcessSample(pid, tick, "cc1", "runner", (pid % 97) / 100.0, true, pid));
      }
      acc.add(
          new TickSample(
              Instant.EPOCH, 1, 10, 1, List.of(new ContainerSample("runner", 1, 1)), ps, 0));
      maxTracked = Math.max(maxTracked, acc.trackedProcesses());
    }
    assertTrue(maxTracked <= 10 + 5 + 5, "tracked " + maxTracked);

    RunSummary s =
        acc.summarize(Instant.EPOCH, Instant.EPOCH.plusSeconds(2000), ContainerLimits.none());
    assertEquals(5, s.topCpuProcesses().size());
    assertEquals(96.0, s.topCpuProcesses().get(0).peakCpuPercent(), 1e-9);
    assertEquals(20_999, s.topMemProcesses().get(0).pid()); // rss = pid: the last one is biggest
    List<ProcessSummary> mem = s.topMemProcesses();
    for (int i = 1; i < mem.size(); i++) {
      assertTrue(mem.get(i - 1).peakMemBytes() >= mem.get(i).peakMemBytes());
    }
  }

  @Test
  void summaryKeepsTheBusiestContainersWithinTheContractsCap() {
    Accumulator acc = new Accumulator(1, 3);
    acc.add(
        new TickSample(
            Instant.EPOCH,
            1,
            0,
            0,
            List.of(
                new ContainerSample("idle", 0, 10),
                new ContainerSample("busy", 2, 10),
                new ContainerSample("big", 0, 1000),
                new ContainerSample("some", 0.5, 10)),
            List.of(),
            0));
    RunSummary s = acc.summarize(Instant.EPOCH, Instant.EPOCH, ContainerLimits.none());
    assertEquals(
        List.of("big", "busy", "some"), s.containers().stream().map(c -> c.name()).toList());
  }

  @Test
  void topZeroGivesEmptyLists() {
    Accumulator acc = new Accumulator(0);
    acc.add(
        new TickSample(
            Instant.EPOCH,
            1,
            10,
            1,
            List.of(),
            List.of(new ProcessSample(1, 1, "a", "c", 1, true, 1)),
            0));
    RunSummary s = acc.summarize(Instant.EPOCH, Instant.EPOCH, ContainerLimits.none());
    assertEquals(List.of(), s.topCpuProcesses());
    assertEquals(List.of(), s.topMemProcesses());
  }

  @Test
  void processWithoutKnownRateDoesNotDiluteItsAverage() {
    Accumulator acc = new Accumulator(1);
    acc.add(tick(new ProcessSample(1, 1, "a", "c", 0, false, 1)));
    acc.add(tick(new ProcessSample(1, 1, "a", "c", 0.8, true, 1)));
    ProcessSummary p =
        acc.summarize(Instant.EPOCH, Instant.EPOCH, ContainerLimits.none())
            .topCpuProcesses()
            .get(0);
    assertEquals(80.0, p.avgCpuPercent(), 1e-9);
  }

  private static TickSample tick(ProcessSample p) {
    return new TickSample(Instant.EPOCH, 1, 0, 0, List.of(), List.of(p), 0);
  }

  @Test
  void containerTotalsAndTheSourceOfTheirCpu() {
    Accumulator acc = new Accumulator(0);
    // job: first tick from /proc (the counter's baseline), then the cgroup; web: /proc throughout
    acc.add(tick(new ContainerSample("job", 0.5, 10, 0.5, false, 100, 150), proc("web", 1.0)));
    acc.add(tick(new ContainerSample("job", 2.0, 10, 2.0, true, 300, 400), proc("web", 1.0)));
    acc.add(tick(new ContainerSample("job", 1.0, 10, 1.0, true, 200, 400), proc("web", 0.5)));
    RunSummary s =
        acc.summarize(Instant.EPOCH, Instant.EPOCH.plusSeconds(3), ContainerLimits.none());
    ContainerSummary job = s.containers().get(0);
    assertEquals("cgroup", job.cpuSource());
    assertEquals(3.5, job.cpuSeconds(), 1e-9);
    assertEquals(300, job.cgroupMemoryBytes().peak(), 1e-9);
    assertEquals(200, job.cgroupMemoryBytes().p50(), 1e-9);
    assertEquals(400L, job.cgroupMemoryPeakBytes());
    ContainerSummary web = s.containers().get(1);
    assertEquals("proc", web.cpuSource());
    assertEquals(2.5, web.cpuSeconds(), 1e-9);
    assertNull(web.cgroupMemoryBytes());
    assertNull(web.cgroupMemoryPeakBytes());
  }

  @Test
  void aCounterThatStopsAnswersMakesTheSourceProc() {
    Accumulator acc = new Accumulator(0);
    acc.add(tick(new ContainerSample("job", 1, 10, 1, true, -1, -1)));
    acc.add(tick(new ContainerSample("job", 1, 10, 1, false, -1, -1)));
    RunSummary s =
        acc.summarize(Instant.EPOCH, Instant.EPOCH.plusSeconds(2), ContainerLimits.none());
    assertEquals("proc", s.containers().get(0).cpuSource());
  }

  private static ContainerSample proc(String name, double cores) {
    return new ContainerSample(name, cores, 1, cores, false, -1, -1);
  }

  private static TickSample tick(ContainerSample... containers) {
    return new TickSample(Instant.EPOCH, 1, 0, 0, List.of(containers), List.of(), 0);
  }

  @Test
  void timelinesStartAtTheRunAndOnlyTheBusiestContainersKeepThem() {
    Accumulator acc = new Accumulator(5);
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    for (int t = 1; t <= 10; t++) {
      List<ContainerSample> cs = new ArrayList<>();
      for (int c = 0; c < Accumulator.MAX_CONTAINER_TIMELINES + 5; c++) {
        cs.add(new ContainerSample("c" + (100 + c), c / 10.0 + t / 1000.0, 1000L * c));
      }
      // the first tick measures 2 s from the baseline read at the run's start
      acc.add(new TickSample(start.plusSeconds(2L * t), 2, 10, 1, cs, List.of(), 0));
    }
    RunSummary s = acc.summarize(start, start.plusSeconds(20), ContainerLimits.none());
    assertEquals(List.of(2.0, 4.0, 6.0), s.systemTimeline().offsetSeconds().subList(0, 3));
    long kept = s.containers().stream().filter(c -> c.timeline() != null).count();
    assertEquals(Accumulator.MAX_CONTAINER_TIMELINES, kept);
    assertEquals(null, s.containers().get(0).timeline(), "c100 is the least busy");
    ContainerSummary busiest = s.containers().get(s.containers().size() - 1);
    assertEquals(2.41, java.util.Collections.max(busiest.timeline().cpuCoresMax()), 1e-9);
    assertEquals(10, busiest.timeline().offsetSeconds().size());
  }
}
