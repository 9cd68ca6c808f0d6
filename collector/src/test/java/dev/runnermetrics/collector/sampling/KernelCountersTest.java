package dev.runnermetrics.collector.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.collector.grouping.ContainerResolver;
import dev.runnermetrics.collector.grouping.ProcessMap;
import dev.runnermetrics.collector.procfs.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Containers whose cgroup is readable take their CPU from the kernel; fake cgroup trees. */
class KernelCountersTest {
  private static final double EPS = 1e-9;
  private static final long MIB = 1 << 20;

  @TempDir Path dir;
  Path procDir;
  Path cg;
  FakeProc proc;
  AtomicLong nanos = new AtomicLong(1_000_000_000L);
  long uptime = 100_000;

  @BeforeEach
  void setUp() throws IOException {
    procDir = Files.createDirectory(dir.resolve("proc"));
    cg = Files.createDirectory(dir.resolve("cg"));
    proc = new FakeProc(procDir);
  }

  private Sampler sampler(boolean cgroups) {
    return new Sampler(
        new ProcFs(procDir),
        new ContainerResolver(ProcessMap.empty()),
        100,
        nanos::get,
        Clock.systemUTC(),
        true,
        cgroups);
  }

  private FakeProc system() {
    return proc.system(uptime, 1000, 500, 1_000_000, 500_000);
  }

  private FakeProc next() {
    nanos.addAndGet(2_000_000_000L);
    uptime += 200;
    return system();
  }

  private void mountinfo(String... lines) {
    write(procDir.resolve("self/mountinfo"), String.join("\n", lines) + "\n");
  }

  private static void write(Path p, String text) {
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String v1(String memory, String cpuacct) {
    return "4:memory:" + memory + "\n3:cpuacct:" + cpuacct + "\n0::/\n";
  }

  private void v1Mounts() {
    mountinfo(
        "33 31 0:30 / " + cg.resolve("cpuacct") + " rw,relatime - cgroup cgroup rw,cpuacct",
        "35 31 0:32 / " + cg.resolve("memory") + " rw,relatime - cgroup cgroup rw,memory",
        "41 31 0:38 / " + cg.resolve("unified") + " rw,relatime - cgroup2 cgroup2 rw");
  }

  private static Map<String, ContainerSample> byName(TickSample t) {
    return t.containers().stream()
        .collect(Collectors.toMap(ContainerSample::name, Function.identity()));
  }

  @Test
  void v1CpuacctAndMemoryCountersWin() throws IOException {
    v1Mounts();
    write(cg.resolve("cpuacct/pod/runner/cpuacct.usage"), "5000000000\n");
    write(cg.resolve("memory/pod/runner/memory.usage_in_bytes"), 300 * MIB + "\n");
    write(cg.resolve("memory/pod/runner/memory.max_usage_in_bytes"), 400 * MIB + "\n");
    system()
        .process(
            10, 1, "node", 5000, 100, 0, 0, 0, 100 * 1024, v1("/pod/runner", "/pod/runner"), "node")
        .process(20, 1, "py", 5000, 100, 0, 0, 0, 1024, v1("/pod/sidecar", "/pod/sidecar"), "py")
        .process(30, 0, "init", 1, 100, 0, 0, 0, 1024, v1("/", "/"), "init");
    Sampler s = sampler(true);
    s.prime();
    write(cg.resolve("cpuacct/pod/runner/cpuacct.usage"), "8000000000\n"); // +3 s in 2 s
    next()
        .process(
            10, 1, "node", 5000, 200, 0, 0, 0, 100 * 1024, v1("/pod/runner", "/pod/runner"), "node")
        .process(20, 1, "py", 5000, 150, 0, 0, 0, 1024, v1("/pod/sidecar", "/pod/sidecar"), "py")
        .process(30, 0, "init", 1, 120, 0, 0, 0, 1024, v1("/", "/"), "init");
    Map<String, ContainerSample> c = byName(s.tick());
    ContainerSample runner = c.get("runner");
    assertTrue(runner.cpuFromCgroup());
    assertEquals(1.5, runner.cpuCores(), EPS); // the kernel's, not the 0.5 of /proc
    assertEquals(3.0, runner.cpuSeconds(), EPS);
    assertEquals(100 * MIB, runner.memoryBytes()); // the RSS sum stays
    assertEquals(300 * MIB, runner.cgroupMemoryBytes());
    assertEquals(400 * MIB, runner.cgroupMemoryPeakBytes());
    ContainerSample sidecar = c.get("sidecar"); // no counter files: /proc
    assertFalse(sidecar.cpuFromCgroup());
    assertEquals(0.25, sidecar.cpuCores(), EPS);
    assertEquals(-1, sidecar.cgroupMemoryBytes());
    assertFalse(c.get("host").cpuFromCgroup()); // the root cgroup is the whole host: never
  }

  @Test
  void procOnlyReadsNoCounter() throws IOException {
    v1Mounts();
    write(cg.resolve("cpuacct/pod/runner/cpuacct.usage"), "5000000000\n");
    system()
        .process(10, 1, "node", 5000, 100, 0, 0, 0, 1024, v1("/pod/runner", "/pod/runner"), "node");
    Sampler s = sampler(false);
    s.prime();
    write(cg.resolve("cpuacct/pod/runner/cpuacct.usage"), "8000000000\n");
    next()
        .process(10, 1, "node", 5000, 200, 0, 0, 0, 1024, v1("/pod/runner", "/pod/runner"), "node");
    ContainerSample runner = byName(s.tick()).get("runner");
    assertFalse(runner.cpuFromCgroup());
    assertEquals(0.5, runner.cpuCores(), EPS);
  }

  @Test
  void v2CpuStatAndMemoryCurrentUnderAMountRoot() throws IOException {
    // inside a container: only the pod's subtree is mounted, at cg/unified
    String pod = "/kubepods.slice/pod1.slice";
    mountinfo("1215 1210 0:61 " + pod + " " + cg.resolve("unified") + " rw - cgroup2 cgroup rw");
    Path ctr = cg.resolve("unified/ctr.scope");
    write(ctr.resolve("cpu.stat"), "usage_usec 1000000\nuser_usec 800000\nsystem_usec 200000\n");
    write(ctr.resolve("memory.current"), 50 * MIB + "\n");
    write(ctr.resolve("memory.peak"), 70 * MIB + "\n");
    system()
        .process(10, 1, "make", 5000, 0, 0, 0, 0, 1024, "0::" + pod + "/ctr.scope\n", "make")
        .process(11, 1, "other", 5000, 0, 0, 0, 0, 1024, "0::/elsewhere/x.scope\n", "other");
    Sampler s = sampler(true);
    s.prime();
    write(ctr.resolve("cpu.stat"), "usage_usec 2000000\nuser_usec 1600000\nsystem_usec 400000\n");
    next()
        .process(10, 1, "make", 5000, 0, 0, 0, 0, 1024, "0::" + pod + "/ctr.scope\n", "make")
        .process(11, 1, "other", 5000, 0, 0, 0, 0, 1024, "0::/elsewhere/x.scope\n", "other");
    Map<String, ContainerSample> c = byName(s.tick());
    ContainerSample make = c.get("ctr");
    assertTrue(make.cpuFromCgroup());
    assertEquals(0.5, make.cpuCores(), EPS); // short-lived children included, by the kernel
    assertEquals(50 * MIB, make.cgroupMemoryBytes());
    assertEquals(70 * MIB, make.cgroupMemoryPeakBytes());
    assertFalse(c.get("x").cpuFromCgroup()); // outside the mounted subtree
  }

  @Test
  void aCgroupSharedWithAnotherContainerOrAboveOneIsNotUsed() throws IOException {
    v1Mounts();
    // a and b share the cpuacct group /pod; c's group /pod/c is below it; d is alone
    for (String g : new String[] {"pod", "pod/c", "d"}) {
      write(cg.resolve("cpuacct/" + g + "/cpuacct.usage"), "1000000000\n");
    }
    Runnable tree =
        () ->
            proc.process(10, 1, "a", 5000, 0, 0, 0, 0, 1024, v1("/a", "/pod"), "a")
                .process(11, 1, "b", 5000, 0, 0, 0, 0, 1024, v1("/b", "/pod"), "b")
                .process(12, 1, "c", 5000, 0, 0, 0, 0, 1024, v1("/c", "/pod/c"), "c")
                .process(13, 1, "d", 5000, 0, 0, 0, 0, 1024, v1("/d", "/d"), "d");
    system();
    tree.run();
    Sampler s = sampler(true);
    s.prime();
    for (String g : new String[] {"pod", "pod/c", "d"}) {
      write(cg.resolve("cpuacct/" + g + "/cpuacct.usage"), "2000000000\n");
    }
    next();
    tree.run();
    Map<String, ContainerSample> c = byName(s.tick());
    assertFalse(c.get("a").cpuFromCgroup());
    assertFalse(c.get("b").cpuFromCgroup());
    assertTrue(c.get("c").cpuFromCgroup());
    assertTrue(c.get("d").cpuFromCgroup());
  }

  @Test
  void aContainerThatAppearsTakesItsCounterBaselineFirst() throws IOException {
    v1Mounts();
    system().process(30, 0, "init", 1, 100, 0, 0, 0, 1024, v1("/", "/"), "init");
    Sampler s = sampler(true);
    s.prime();
    write(cg.resolve("cpuacct/job/cpuacct.usage"), "900000000\n");
    next()
        .process(30, 0, "init", 1, 100, 0, 0, 0, 1024, v1("/", "/"), "init")
        .process(40, 30, "job", uptime - 100, 60, 0, 0, 0, 1024, v1("/job", "/job"), "job");
    ContainerSample first = byName(s.tick()).get("job");
    assertFalse(first.cpuFromCgroup());
    assertEquals(0.6, first.cpuSeconds(), EPS); // from /proc: it counts from its start
    write(cg.resolve("cpuacct/job/cpuacct.usage"), "2900000000\n");
    next()
        .process(30, 0, "init", 1, 100, 0, 0, 0, 1024, v1("/", "/"), "init")
        .process(40, 30, "job", uptime - 300, 260, 0, 0, 0, 1024, v1("/job", "/job"), "job");
    ContainerSample second = byName(s.tick()).get("job");
    assertTrue(second.cpuFromCgroup());
    assertEquals(2.0, second.cpuSeconds(), EPS);
  }
}
