package dev.runnermetrics.collector.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.collector.grouping.ContainerLimits;
import dev.runnermetrics.collector.grouping.ContainerResolver;
import dev.runnermetrics.collector.grouping.ProcessMap;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.summary.Accumulator;
import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ProcessRef;
import dev.runnermetrics.common.summary.RunSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OOM kills, throttling, pressure and limits from a container's own cgroup files, through the
 * sampler and the accumulator, on fake cgroup trees (v1, v2 and hybrid).
 */
class CgroupOverlaysTest {
  private static final long MIB = 1 << 20;
  private static final String V1_CGROUP = "5:memory:/pod/job\n4:cpu:/pod/job\n3:cpuacct:/pod/job\n";

  @TempDir Path dir;
  Path procDir;
  Path cg;
  FakeProc proc;
  AtomicLong nanos = new AtomicLong(1_000_000_000L);
  long uptime = 100_000;
  Sampler sampler;
  Accumulator acc = new Accumulator(5);

  @BeforeEach
  void setUp() throws IOException {
    procDir = Files.createDirectory(dir.resolve("proc"));
    cg = Files.createDirectory(dir.resolve("cg"));
    proc = new FakeProc(procDir);
  }

  private void start() throws IOException {
    sampler =
        new Sampler(
            new ProcFs(procDir),
            new ContainerResolver(ProcessMap.empty()),
            100,
            nanos::get,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            true,
            true);
    sampler.prime();
  }

  private void tick() throws IOException {
    nanos.addAndGet(1_000_000_000L);
    uptime += 100;
    proc.system(uptime, 1000 + uptime, 500, 1_000_000, 500_000);
    acc.add(sampler.tick());
  }

  private ContainerSummary summary(String name, ContainerLimits limits) {
    RunSummary s =
        acc.summarize(
            Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:10Z"), limits);
    return s.containers().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
  }

  private void v1Mounts() {
    write(
        procDir.resolve("self/mountinfo"),
        String.join(
                "\n",
                "33 31 0:30 / " + cg.resolve("cpuacct") + " rw - cgroup cgroup rw,cpuacct",
                "34 31 0:31 / " + cg.resolve("cpu") + " rw - cgroup cgroup rw,cpu",
                "35 31 0:32 / " + cg.resolve("memory") + " rw - cgroup cgroup rw,memory",
                "41 31 0:38 / " + cg.resolve("unified") + " rw - cgroup2 cgroup2 rw")
            + "\n");
  }

  private void v2Mount() {
    write(
        procDir.resolve("self/mountinfo"),
        "41 31 0:38 / " + cg.resolve("unified") + " rw - cgroup2 cgroup2 rw\n");
  }

  private static void write(Path p, String text) {
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private void v2Files(long oomKill, long periods, long throttled, long throttledUsec, long psi) {
    Path job = cg.resolve("unified/pod/job");
    write(
        job.resolve("memory.events"),
        "low 0\nhigh 3\nmax 7\noom " + oomKill + "\noom_kill " + oomKill + "\noom_group_kill 0\n");
    write(
        job.resolve("cpu.stat"),
        "usage_usec 1000\nnr_periods "
            + periods
            + "\nnr_throttled "
            + throttled
            + "\nthrottled_usec "
            + throttledUsec
            + "\n");
    write(
        job.resolve("cpu.pressure"),
        "some avg10="
            + (psi > 0 ? "40.00" : "0.00")
            + " avg60=0.00 avg300=0.00 total="
            + psi
            + "\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
    write(job.resolve("cpu.max"), "50000 100000\n");
    write(job.resolve("memory.max"), 64 * MIB + "\n");
    write(job.resolve("memory.high"), "max\n");
  }

  @Test
  void v2CountsOomKillsThrottlingAndPressureAndNamesTheVictim() throws IOException {
    v2Mount();
    v2Files(0, 100, 10, 500_000, 1_000_000);
    proc.system(uptime, 1000, 500, 1_000_000, 500_000)
        .process(10, "sh", 5000, 1, 1, 1024, "/pod/job")
        .process(11, "tail", 5000, 1, 1, 62 * 1024, "/pod/job");
    start();
    tick();
    v2Files(1, 300, 110, 2_500_000, 3_500_000);
    proc.remove(11);
    tick();
    ContainerSummary job = summary("job", ContainerLimits.none());
    assertEquals(1L, job.oomKills());
    assertEquals(List.of(new ProcessRef(11, "tail")), job.oomKilledProcesses());
    assertEquals(1L, job.memoryEvents().oomKill());
    assertEquals(0L, job.memoryEvents().max(), "max did not rise");
    assertNull(job.memoryEvents().failcnt(), "v2 has no failcnt");
    assertEquals(200L, job.cpuPeriods());
    assertEquals(100L, job.cpuThrottledPeriods());
    assertEquals(2.0, job.cpuThrottledSeconds(), 1e-9);
    assertEquals(0.5, job.cpuThrottledRatio(), 1e-9);
    assertEquals(2.5, job.pressure().cpu().someSeconds(), 1e-9);
    assertEquals(0.0, job.pressure().cpu().fullSeconds(), 1e-9);
    assertEquals(40.0, job.pressure().cpu().someAvg10PeakPercent(), 1e-9);
    assertNull(job.pressure().memory(), "no memory.pressure file");
    assertEquals(0.5, job.cpuLimitCores(), 1e-9);
    assertEquals("cgroup", job.cpuLimitSource());
    assertEquals(64 * MIB, job.memoryLimitBytes());
    assertEquals("cgroup", job.memoryLimitSource());
    assertNull(job.memoryHighBytes(), "max is no bound");
    assertTrue(job.memoryNearLimit(), "63 MiB of RSS against 64 MiB");
  }

  @Test
  void v1ReadsOomControlFailcntCpuStatAndCfsQuota() throws IOException {
    v1Mounts();
    Path mem = cg.resolve("memory/pod/job");
    Path cpu = cg.resolve("cpu/pod/job");
    write(mem.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 2\n");
    write(mem.resolve("memory.failcnt"), "5\n");
    write(mem.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
    write(cpu.resolve("cpu.stat"), "nr_periods 10\nnr_throttled 0\nthrottled_time 0\n");
    write(cpu.resolve("cpu.cfs_quota_us"), "20000\n");
    write(cpu.resolve("cpu.cfs_period_us"), "100000\n");
    proc.system(uptime, 1000, 500, 1_000_000, 500_000)
        .process(10, 1, "make", 5000, 1, 1, 0, 0, 1024, V1_CGROUP, "make");
    start();
    tick();
    write(mem.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
    write(mem.resolve("memory.failcnt"), "9\n");
    write(cpu.resolve("cpu.stat"), "nr_periods 30\nnr_throttled 15\nthrottled_time 1500000000\n");
    tick();
    ContainerSummary job = summary("job", ContainerLimits.none());
    assertEquals(1L, job.oomKills());
    assertNull(job.oomKilledProcesses(), "nothing vanished");
    assertEquals(4L, job.memoryEvents().failcnt());
    assertNull(job.memoryEvents().high(), "v1 has no high counter");
    assertEquals(0.75, job.cpuThrottledRatio(), 1e-9);
    assertEquals(1.5, job.cpuThrottledSeconds(), 1e-9);
    assertEquals(0.2, job.cpuLimitCores(), 1e-9);
    assertNull(job.memoryLimitBytes(), "v1's huge value is no limit");
    assertNull(job.memoryLimitSource());
    assertNull(job.memoryNearLimit());
    assertNull(
        job.pressure(), "hybrid: the process sits in the unified root, no pressure of its own");
  }

  @Test
  void cgroupLimitsSettingWinsAndSaysSo() throws IOException {
    v2Mount();
    v2Files(0, 0, 0, 0, 0);
    proc.system(uptime, 1000, 500, 1_000_000, 500_000)
        .process(10, "make", 5000, 1, 1, 1024, "/pod/job");
    start();
    tick();
    ContainerSummary job = summary("job", ContainerLimits.parse("{\"job\":{\"memory\":\"1Gi\"}}"));
    assertEquals(1024 * MIB, job.memoryLimitBytes());
    assertEquals("cgroup_limits", job.memoryLimitSource());
    assertEquals(0.5, job.cpuLimitCores(), 1e-9);
    assertEquals("cgroup", job.cpuLimitSource());
    assertFalse(job.memoryNearLimit());
    assertEquals(0.0, job.cpuThrottledRatio(), "no period elapsed: nothing throttled");
  }

  @Test
  void aCounterThatGoesBackwardsWasResetAndCountsFromZero() throws IOException {
    v2Mount();
    v2Files(5, 1000, 100, 0, 0);
    proc.system(uptime, 1000, 500, 1_000_000, 500_000)
        .process(10, "make", 5000, 1, 1, 1024, "/pod/job");
    start();
    tick();
    v2Files(1, 40, 4, 0, 0); // the cgroup was removed and created again
    tick();
    ContainerSummary job = summary("job", ContainerLimits.none());
    assertEquals(1L, job.oomKills());
    assertEquals(40L, job.cpuPeriods());
    assertEquals(4L, job.cpuThrottledPeriods());
  }

  @Test
  void aContainerWhoseOnlyProcessWasKilledIsReadOnceMore() throws IOException {
    v2Mount();
    v2Files(0, 0, 0, 0, 0);
    proc.system(uptime, 1000, 500, 1_000_000, 500_000)
        .process(10, "make", 5000, 1, 1, 1024, "/")
        .process(11, "java", 5000, 1, 1, 60 * 1024, "/pod/job");
    start();
    tick();
    v2Files(1, 0, 0, 0, 0);
    proc.remove(11);
    tick();
    ContainerSummary job = summary("job", ContainerLimits.none());
    assertEquals(1L, job.oomKills());
    assertEquals(List.of(new ProcessRef(11, "java")), job.oomKilledProcesses());
  }

  @Test
  void unreadableFilesAreNullNeverZero() throws IOException {
    v2Mount();
    proc.system(uptime, 1000, 500, 1_000_000, 500_000)
        .process(10, "make", 5000, 1, 1, 1024, "/pod/job");
    start();
    tick();
    ContainerSummary job = summary("job", ContainerLimits.none());
    assertNull(job.oomKills());
    assertNull(job.memoryEvents());
    assertNull(job.cpuThrottledSeconds());
    assertNull(job.cpuThrottledRatio());
    assertNull(job.pressure());
    assertNull(job.cpuLimitCores());
    assertNotNull(job.timeline());
  }

  @Test
  void hostPressureIsTheSystemPart() throws IOException {
    write(procDir.resolve("pressure/cpu"), "some avg10=5.00 avg60=0.00 avg300=0.00 total=100\n");
    write(
        procDir.resolve("pressure/memory"),
        "some avg10=0.00 avg60=0.00 avg300=0.00 total=0\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
    proc.system(uptime, 1000, 500, 1_000_000, 500_000).process(10, "make", 5000, 1, 1, 1024, "/");
    start();
    tick();
    write(
        procDir.resolve("pressure/cpu"), "some avg10=7.50 avg60=0.00 avg300=0.00 total=2000100\n");
    tick();
    RunSummary s =
        acc.summarize(
            Instant.parse("2026-01-01T00:00:00Z"),
            Instant.parse("2026-01-01T00:00:10Z"),
            ContainerLimits.none());
    assertEquals(2.0, s.systemPressure().cpu().someSeconds(), 1e-9);
    assertEquals(7.5, s.systemPressure().cpu().someAvg10PeakPercent(), 1e-9);
    assertNull(s.systemPressure().cpu().fullSeconds(), "older kernels: no full line for cpu");
    assertNull(s.systemPressure().io());
    assertNotNull(s.systemTimeline());
  }
}
