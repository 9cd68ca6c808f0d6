package dev.runnermetrics.collector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ProcessRef;
import dev.runnermetrics.common.summary.RunSummary;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cgroup figures against real cgroups (v1 {@code memory}, {@code cpu}, {@code cpuacct} and the
 * v2 hierarchy with pressure files, as on a hybrid host): an OOM kill past a 64 MiB limit, a busy
 * loop under a 0.2-core quota, limits read back as written, pressure present. Skipped with a
 * printed reason where a hierarchy is missing or cgroups cannot be made.
 */
class CgroupFiguresIT {
  private static final long MIB = 1 << 20;
  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final Pattern TICK = Pattern.compile("tick (\\d+):");

  @TempDir Path dir;
  private final List<Path> created = new ArrayList<>();
  private Process child;

  @BeforeAll
  static void linuxOnly() {
    Processes.requireLinuxProc();
  }

  private static String selfPath(String controller) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
      String[] f = line.split(":", 3);
      if (controller.isEmpty() ? f[0].equals("0") : List.of(f[1].split(",")).contains(controller)) {
        return f[2].equals("/") ? "" : f[2];
      }
    }
    return "";
  }

  private static Path v1(String controller) {
    Path p = ROOT.resolve(controller);
    if (!Files.isRegularFile(p.resolve("cgroup.procs"))
        || Files.isRegularFile(ROOT.resolve("cgroup.controllers"))) {
      skip("no cgroup v1 " + controller + " hierarchy at " + p);
    }
    return p;
  }

  private static void skip(String reason) {
    System.out.println(reason + ": skipping");
    throw Assumptions.<RuntimeException>abort(reason);
  }

  private Path mkdir(Path p) {
    try {
      Files.createDirectory(p);
      created.add(0, p);
      return p;
    } catch (IOException | RuntimeException e) {
      skip("cannot create cgroup " + p + " (" + e + ")");
      return p;
    }
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (child != null) {
      child.destroyForcibly();
      child.waitFor();
    }
    for (Path p : created) {
      // whatever the child left behind in the group (the shell's own children)
      for (String pid : Files.readAllLines(p.resolve("cgroup.procs"))) {
        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
      }
      for (int i = 0; i < 50 && Files.exists(p); i++) {
        try {
          Files.delete(p);
        } catch (IOException busy) {
          Thread.sleep(100);
        }
      }
    }
  }

  private void join(Path group, long pid) throws IOException {
    Files.writeString(group.resolve("cgroup.procs"), Long.toString(pid));
  }

  private static String await(Path marker) {
    return "while [ ! -e " + marker + " ]; do sleep 0.05; done; ";
  }

  private static boolean isTail(ProcessHandle p) {
    return p.info().command().map(c -> c.endsWith("/tail")).orElse(false);
  }

  private static int ticks(Processes.Run run) {
    Matcher m = TICK.matcher(run.err());
    int n = 0;
    while (m.find()) {
      n = Integer.parseInt(m.group(1));
    }
    return n;
  }

  private static ContainerSummary container(Processes.Run run, String name) {
    try (Jsonb jsonb = JsonbBuilder.create()) {
      RunSummary s = jsonb.fromJson(run.out().trim(), RunSummary.class);
      return s.containers().stream()
          .filter(c -> c.name().equals(name))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no container " + name + " in " + run.out()));
    } catch (Exception e) {
      throw new AssertionError("no summary on stdout: " + run.out() + "\n" + run.err(), e);
    }
  }

  @Test
  void aProcessPastA64MibLimitIsOomKilledCountedAndNamed() throws Exception {
    String name = "rm-oom-" + UUID.randomUUID().toString().substring(0, 8);
    Path memory =
        mkdir(v1("memory").resolve(selfPath("memory").replaceFirst("^/", "")).resolve(name));
    Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(64 * MIB));
    Path joined = dir.resolve("joined");
    Path go = dir.resolve("go");
    Path fifo = dir.resolve("fifo");
    // Once in the group, the shell starts tail on a FIFO, so tail is alive (and idle) before the
    // collector starts: only a process the collector has seen can be named when it vanishes. On
    // "go" the shell pours 128 MiB of zeros without a newline into it; tail buffers the endless
    // line until the OOM killer ends it. The shell lives on, so the container does too.
    child =
        new ProcessBuilder(
                "sh",
                "-c",
                await(joined)
                    + "mkfifo "
                    + fifo
                    + "; tail "
                    + fifo
                    + " & "
                    + await(go)
                    + "head -c 134217728 /dev/zero > "
                    + fifo
                    + "; wait; sleep 600")
            .start();
    join(memory, child.pid());
    Files.writeString(joined, "");
    long seen = System.nanoTime() + 30_000_000_000L;
    while (child.descendants().noneMatch(CgroupFiguresIT::isTail)) {
      assertTrue(System.nanoTime() < seen, "tail did not start within 30 s");
      Thread.sleep(20);
    }
    Processes.Run run =
        Processes.collector(Files.createDirectory(dir.resolve("c")), Map.of(), "--interval=200ms");
    run.awaitLog("tick 2:", 30);
    Files.writeString(go, "");
    long end = System.nanoTime() + 60_000_000_000L;
    while (!Files.readString(memory.resolve("memory.oom_control")).contains("oom_kill 1")) {
      assertTrue(System.nanoTime() < end, "no OOM kill within 60 s");
      Thread.sleep(50);
    }
    run.awaitLog("tick " + (ticks(run) + 2) + ":", 30);
    run.process().destroy();
    assertEquals(0, run.waitFor(30), run.err());

    ContainerSummary c = container(run, name);
    assertEquals(1L, c.oomKills(), run.out());
    assertEquals(1L, c.memoryEvents().oomKill());
    assertTrue(c.memoryEvents().failcnt() > 0, "the limit was hit: " + c.memoryEvents());
    assertEquals(64 * MIB, c.memoryLimitBytes());
    assertEquals("cgroup", c.memoryLimitSource());
    assertNotNull(c.oomKilledProcesses(), run.out());
    assertTrue(
        c.oomKilledProcesses().stream().map(ProcessRef::name).anyMatch("tail"::equals),
        "tail named: " + c.oomKilledProcesses());
  }

  @Test
  void aBusyLoopUnderA02CoreQuotaIsThrottledAndItsLimitsAndPressureRead() throws Exception {
    String name = "rm-cpu-" + UUID.randomUUID().toString().substring(0, 8);
    Path cpu = mkdir(v1("cpu").resolve(selfPath("cpu").replaceFirst("^/", "")).resolve(name));
    Path cpuacct =
        mkdir(v1("cpuacct").resolve(selfPath("cpuacct").replaceFirst("^/", "")).resolve(name));
    Path memory =
        mkdir(v1("memory").resolve(selfPath("memory").replaceFirst("^/", "")).resolve(name));
    Path unified = null;
    if (Files.isRegularFile(ROOT.resolve("unified/cpu.pressure"))) {
      unified = mkdir(ROOT.resolve("unified" + selfPath("")).resolve(name));
    } else {
      System.out.println("no v2 hierarchy with pressure files: pressure not checked");
    }
    Files.writeString(cpu.resolve("cpu.cfs_period_us"), "100000");
    Files.writeString(cpu.resolve("cpu.cfs_quota_us"), "20000");
    Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(256 * MIB));
    child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    for (Path g :
        unified == null ? List.of(cpu, cpuacct, memory) : List.of(cpu, cpuacct, memory, unified)) {
      join(g, child.pid());
    }

    long[] before = throttling(cpu);
    long wallBefore = System.nanoTime();
    Processes.Run run =
        Processes.collector(Files.createDirectory(dir.resolve("c")), Map.of(), "--interval=500ms");
    run.awaitLog("tick 8:", 60);
    run.process().destroy();
    assertEquals(0, run.waitFor(30), run.err());
    long[] after = throttling(cpu);
    double wall = (System.nanoTime() - wallBefore) / 1e9;
    double kernelThrottledSeconds = (after[1] - before[1]) / 1e9;

    ContainerSummary c = container(run, name);
    assertEquals(0.2, c.cpuLimitCores(), 1e-9);
    assertEquals("cgroup", c.cpuLimitSource());
    assertEquals(256 * MIB, c.memoryLimitBytes());
    assertEquals("cgroup", c.memoryLimitSource());
    assertEquals(0.2, c.cpuCores().p50(), 0.05, "cores under the quota: " + c.cpuCores());
    assertTrue(c.cpuThrottledRatio() > 0.5, "throttled share " + c.cpuThrottledRatio());
    // The collector's window lies inside the test's: its throttled time is at most the kernel's,
    // and its rate (throttled seconds per second) is the kernel's over the longer window.
    assertTrue(
        c.cpuThrottledSeconds() <= kernelThrottledSeconds,
        c.cpuThrottledSeconds() + " s within the kernel's " + kernelThrottledSeconds + " s");
    RunSummary s;
    try (Jsonb jsonb = JsonbBuilder.create()) {
      s = jsonb.fromJson(run.out().trim(), RunSummary.class);
    }
    assertEquals(
        kernelThrottledSeconds / wall,
        c.cpuThrottledSeconds() / s.durationSeconds(),
        0.15,
        "throttled seconds per second, collector vs cpu.stat");
    if (unified != null) {
      assertNotNull(c.pressure(), run.out());
      assertNotNull(c.pressure().cpu(), run.out());
      assertNotNull(s.systemPressure(), "host /proc/pressure");
    }
  }

  /** nr_throttled and throttled_time (ns) of a v1 cpu.stat. */
  private static long[] throttling(Path cpu) throws IOException {
    long periods = 0;
    long nanos = 0;
    for (String line : Files.readAllLines(cpu.resolve("cpu.stat"))) {
      String[] f = line.split(" ");
      if (f[0].equals("nr_throttled")) {
        periods = Long.parseLong(f[1]);
      } else if (f[0].equals("throttled_time")) {
        nanos = Long.parseLong(f[1]);
      }
    }
    return new long[] {periods, nanos};
  }
}
