package dev.runnermetrics.collector.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.collector.grouping.ContainerLimits;
import dev.runnermetrics.collector.grouping.ContainerResolver;
import dev.runnermetrics.collector.grouping.ProcessMap;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.summary.Accumulator;
import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ProcessSummary;
import dev.runnermetrics.common.summary.RunSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamplerTest {
  private static final double EPS = 1e-9;
  private static final long MIB_KIB = 1024;

  @TempDir Path dir;
  FakeProc proc;
  AtomicLong nanos = new AtomicLong(1_000_000_000L);
  Sampler sampler;

  @BeforeEach
  void setUp() {
    proc = new FakeProc(dir);
    sampler =
        new Sampler(
            new ProcFs(dir),
            new ContainerResolver(
                new ProcessMap(Map.of("node", "runner", "forgejo-runner-long", "runner"))),
            100,
            nanos::get,
            Clock.fixed(Instant.parse("2026-02-06T14:30:02Z"), ZoneOffset.UTC));
  }

  private void advance(double seconds) {
    nanos.addAndGet((long) (seconds * 1e9));
  }

  /** Boot time 1000.00 s = 100000 ticks at 100 Hz. */
  private void baseline() throws IOException {
    proc.system(100_000, 1000, 800, 1_000_000, 600_000)
        .process(10, "node", 5000, 800, 200, 100 * MIB_KIB, "/pod/runner")
        .process(11, "bash", 5000, 0, 0, 4 * MIB_KIB, "/pod/runner")
        .process(20, "python3", 6000, 400, 100, 50 * MIB_KIB, "/pod/sidecar")
        .process(2, "kthreadd", 9, 0, 3, 0, "/");
    sampler.prime();
  }

  @Test
  void ratesComeFromCounterDeltasOverMeasuredTime() throws IOException {
    baseline();
    advance(2.0);
    proc.system(100_200, 1400, 900, 1_000_000, 500_000)
        .process(
            10, "node", 5000, 1000, 300, 110 * MIB_KIB, "/pod/runner") // +300 ticks = 1.5 cores
        .process(20, "python3", 6000, 450, 150, 50 * MIB_KIB, "/pod/sidecar") // +100 = 0.5 cores
        .remove(11); // vanished

    TickSample t = sampler.tick();

    assertEquals(2.0, t.elapsedSeconds(), EPS);
    assertEquals(75.0, t.cpuTotalPercent(), EPS); // (400 − 100) / 400
    assertEquals(500_000L * 1024, t.memUsedBytes());
    Map<Integer, ProcessSample> byPid = byPid(t);
    assertEquals(1.5, byPid.get(10).cpuCores(), EPS);
    assertEquals(0.5, byPid.get(20).cpuCores(), EPS);
    assertFalse(byPid.containsKey(11));
    Map<String, ContainerSample> c = byName(t);
    assertEquals(1.5, c.get("runner").cpuCores(), EPS);
    assertEquals(110L * 1024 * 1024, c.get("runner").memoryBytes());
    assertEquals(0.5, c.get("sidecar").cpuCores(), EPS);
    assertEquals(0.0, c.get("host").cpuCores(), EPS);
    assertEquals(3, t.containers().size());
  }

  @Test
  void elapsedIsMeasuredNotNominal() throws IOException {
    baseline();
    advance(0.5); // a tick that came early: the same delta means a higher rate
    proc.system(100_050, 1100, 850, 1_000_000, 600_000)
        .process(20, "python3", 6000, 425, 125, 50 * MIB_KIB, "/pod/sidecar"); // +50 ticks
    assertEquals(1.0, byPid(sampler.tick()).get(20).cpuCores(), EPS);
  }

  @Test
  void aTickDescheduledHalfwayDoesNotInflateRates() throws IOException {
    AtomicLong calls = new AtomicLong();
    AtomicLong base = new AtomicLong(1_000_000_000L);
    // From call 3 of the second tick on (the first process read), the clock is one second later:
    // the collector was descheduled after taking the tick's timestamp.
    Sampler paused =
        new Sampler(
            new ProcFs(dir),
            new ContainerResolver(ProcessMap.empty()),
            100,
            () -> base.get() + (calls.incrementAndGet() > 1000 ? 1_000_000_000L : 0),
            Clock.systemUTC());
    proc.system(100_000, 1000, 800, 1_000_000, 600_000)
        .process(20, "python3", 6000, 400, 100, 50 * MIB_KIB, "/pod/sidecar");
    paused.prime();
    base.addAndGet(2_000_000_000L);
    calls.set(998); // calls 999 and 1000 (tick start, listing) are on time, the reads are not
    // the process kept spinning during the pause: 3 s of CPU between its two reads
    proc.system(100_200, 1400, 900, 1_000_000, 600_000)
        .process(20, "python3", 6000, 700, 100, 50 * MIB_KIB, "/pod/sidecar");
    TickSample t = paused.tick();
    assertEquals(2.0, t.elapsedSeconds(), EPS);
    assertEquals(1.0, byPid(t).get(20).cpuCores(), EPS); // 300 ticks / 3 s, not / 2 s
  }

  @Test
  void processStartedSinceThePreviousTickCountsFromItsStart() throws IOException {
    baseline();
    advance(2.0);
    proc.system(100_200, 1400, 900, 1_000_000, 600_000)
        .process(40, "make", 100_100, 40, 10, 8 * MIB_KIB, "/pod/runner"); // started at 1001.00 s
    TickSample t = sampler.tick();
    ProcessSample make = byPid(t).get(40);
    assertTrue(make.rateKnown());
    assertEquals(0.25, make.cpuCores(), EPS); // 50 ticks = 0.5 s over 2 s
    assertEquals(0.25, byName(t).get("runner").cpuCores(), EPS);
  }

  @Test
  void pidReuseIsANewProcess() throws IOException {
    baseline();
    advance(2.0);
    // pid 10 exited and the pid was reused by a process started after the previous tick
    proc.system(100_200, 1400, 900, 1_000_000, 600_000)
        .process(10, "cc1", 100_150, 30, 10, 20 * MIB_KIB, "/pod/runner");
    ProcessSample reused = byPid(sampler.tick()).get(10);
    assertEquals("cc1", reused.name());
    assertEquals(100_150, reused.startTimeTicks());
    assertEquals(0.2, reused.cpuCores(), EPS); // its own 40 ticks, not 40 − 1000
    assertEquals("runner", reused.container());
  }

  @Test
  void processFirstSeenThatStartedEarlierOnlySetsABaseline() throws IOException {
    baseline();
    advance(2.0);
    proc.system(100_200, 1400, 900, 1_000_000, 600_000)
        .process(50, "sshd", 7000, 9000, 1000, 8 * MIB_KIB, "/system.slice/ssh.service");
    ProcessSample sshd = byPid(sampler.tick()).get(50);
    assertFalse(sshd.rateKnown());
    assertEquals(0.0, sshd.cpuCores(), EPS);
    advance(2.0);
    proc.system(100_400, 1800, 1000, 1_000_000, 600_000)
        .process(50, "sshd", 7000, 9100, 1100, 8 * MIB_KIB, "/system.slice/ssh.service");
    ProcessSample later = byPid(sampler.tick()).get(50);
    assertTrue(later.rateKnown());
    assertEquals(1.0, later.cpuCores(), EPS);
    assertEquals("ssh.service", later.container());
  }

  @Test
  void processesVanishingMidReadAreSkipped() throws IOException {
    baseline();
    advance(2.0);
    proc.system(100_200, 1400, 900, 1_000_000, 600_000)
        .deleteFile(11, "status") // not needed: RSS comes from stat
        .file(20, "stat", "") // exited: the kernel hands out an empty file
        .process(60, "weird", 100_150, 1, 1, 1, "/pod/runner")
        .file(60, "stat", "60 (weird) S 1 60") // garbage: skipped, not fatal
        .remove(2);
    Map<Integer, ProcessSample> byPid = byPid(sampler.tick());
    assertEquals(java.util.Set.of(10, 11), byPid.keySet());
  }

  @Test
  void anOddFileCostsOnlyItsOwnFigure() throws IOException {
    // A sandbox without cgroups, a status file of another shape: CPU and memory from stat still
    // count, the process goes to the host container.
    proc.system(100_000, 1000, 800, 1_000_000, 600_000)
        .process(70, "odd", 100_000, 100, 0, 4 * MIB_KIB, "/pod/runner")
        .deleteFile(70, "cgroup")
        .file(70, "status", "Umask:\t0022\n");
    sampler.prime();
    advance(2.0);
    proc.system(100_200, 1400, 900, 1_000_000, 600_000)
        .process(70, "odd", 100_000, 300, 0, 4 * MIB_KIB, "/pod/runner")
        .deleteFile(70, "cgroup")
        .file(70, "status", "Umask:\t0022\n");
    ProcessSample odd = byPid(sampler.tick()).get(70);
    assertEquals(1.0, odd.cpuCores(), EPS);
    assertEquals(4L << 20, odd.rssBytes());
    assertEquals("host", odd.container());
  }

  @Test
  void mappedNameNamesTheCgroupOfEveryProcessInIt() throws IOException {
    proc.system(100_000, 1000, 800, 1_000_000, 600_000)
        .process(
            10,
            "sh",
            5000,
            0,
            0,
            MIB_KIB,
            "/kubepods/pod1/cri-containerd-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.scope")
        .process(
            11,
            "forgejo-runner-",
            5000,
            0,
            0,
            MIB_KIB,
            "0::/kubepods/pod1/cri-containerd-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.scope\n",
            "forgejo-runner-long")
        .process(
            12,
            "git",
            5000,
            0,
            0,
            MIB_KIB,
            "/kubepods/pod1/cri-containerd-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb.scope");
    sampler.prime();
    advance(1);
    proc.system(100_100, 1100, 850, 1_000_000, 600_000);
    Map<Integer, ProcessSample> byPid = byPid(sampler.tick());
    assertEquals("forgejo-runner-long", byPid.get(11).name()); // comm cut at 15, argv[0] tells
    assertEquals("runner", byPid.get(11).container());
    assertEquals("runner", byPid.get(12).container());
    assertEquals("aaaaaaaaaaaa", byPid.get(10).container());
  }

  @Test
  void summaryOfTheFakeRunHasExactFigures() throws IOException {
    Accumulator acc = new Accumulator(2);
    baseline();
    advance(2.0);
    proc.system(100_200, 1400, 900, 1_000_000, 500_000)
        .process(10, "node", 5000, 1000, 300, 110 * MIB_KIB, "/pod/runner")
        .process(20, "python3", 6000, 450, 150, 50 * MIB_KIB, "/pod/sidecar")
        .remove(11);
    acc.add(sampler.tick());
    advance(2.0);
    proc.system(100_400, 1800, 1100, 1_000_000, 400_000)
        .process(10, "node", 5000, 1050, 350, 120 * MIB_KIB, "/pod/runner") // 0.5 cores
        .process(20, "python3", 6000, 450, 150, 60 * MIB_KIB, "/pod/sidecar"); // idle
    acc.add(sampler.tick());

    ContainerLimits limits =
        ContainerLimits.parse("{\"runner\":{\"cpu\":\"2\",\"memory\":\"1Gi\"}}");
    RunSummary s =
        acc.summarize(
            Instant.parse("2026-02-06T14:30:00Z"), Instant.parse("2026-02-06T14:30:04.5Z"), limits);
    assertEquals(2, s.sampleCount());
    assertEquals(4.5, s.durationSeconds(), EPS);
    assertEquals(75.0, s.cpuTotalPercent().peak(), EPS); // ticks: 75 %, 50 %
    assertEquals(62.5, s.cpuTotalPercent().avg(), EPS);
    assertEquals(600_000L * 1024, s.memUsedBytes().peak(), EPS);
    Map<String, ContainerSummary> c =
        s.containers().stream()
            .collect(Collectors.toMap(ContainerSummary::name, Function.identity()));
    assertEquals(1.5, c.get("runner").cpuCores().peak(), EPS);
    assertEquals(1.0, c.get("runner").cpuCores().avg(), EPS);
    assertEquals(1.0, c.get("runner").cpuCores().p50(), EPS);
    assertEquals(120L * 1024 * 1024, c.get("runner").memoryBytes().peak(), EPS);
    assertEquals(2.0, c.get("runner").cpuLimitCores());
    assertEquals(1L << 30, c.get("runner").memoryLimitBytes());
    assertEquals(null, c.get("sidecar").cpuLimitCores());
    ProcessSummary top = s.topCpuProcesses().get(0);
    assertEquals(10, top.pid());
    assertEquals("node", top.name());
    assertEquals("runner", top.container());
    assertEquals(150.0, top.peakCpuPercent(), EPS);
    assertEquals(100.0, top.avgCpuPercent(), EPS);
    assertEquals(2, s.topCpuProcesses().size());
    assertEquals(20, s.topCpuProcesses().get(1).pid());
    assertEquals(10, s.topMemProcesses().get(0).pid());
    assertEquals(120L * 1024 * 1024, s.topMemProcesses().get(0).peakMemBytes());
    assertEquals(
        Optional.empty(), s.topCpuProcesses().stream().filter(p -> p.pid() == 11).findAny());
  }

  private static Map<Integer, ProcessSample> byPid(TickSample t) {
    return t.processes().stream()
        .collect(Collectors.toMap(ProcessSample::pid, Function.identity()));
  }

  private static Map<String, ContainerSample> byName(TickSample t) {
    return t.containers().stream()
        .collect(Collectors.toMap(ContainerSample::name, Function.identity()));
  }

  @Test
  void aMovedProcessThatUsesCpuIsSeenInItsNewCgroupAtOnceAnIdleOneWithinTheRecheck()
      throws IOException {
    // Both keep their comm across the move (a shell moved into a job's cgroup that execs
    // another shell): only activity, or the periodic re-check, makes the collector look again.
    proc.system(100_000, 1000, 800, 1_000_000, 600_000)
        .process(80, "bash", 100_000, 100, 0, 1024, "/pod/old")
        .process(81, "sleep", 100_000, 5, 0, 1024, "/pod/old");
    sampler.prime();
    long uptime = 100_000;
    long busy = 100;
    Map<Integer, ProcessSample> now = Map.of();
    for (int t = 1; t <= Sampler.CGROUP_RECHECK_TICKS; t++) {
      advance(1.0);
      uptime += 100;
      busy += 50;
      proc.system(uptime, 1000 + t * 100, 800, 1_000_000, 600_000)
          .process(80, "bash", 100_000, busy, 0, 1024, "/pod/job")
          .process(81, "sleep", 100_000, 5, 0, 1024, "/pod/job");
      now = byPid(sampler.tick());
      assertEquals("job", now.get(80).container(), "the busy one at tick " + t);
    }
    assertEquals("job", now.get(81).container(), "the idle one after the re-check");
  }
}
