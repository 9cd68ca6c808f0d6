package dev.runnermetrics.collector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.ContainerSummary;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real cgroup (v1 cpuacct + memory, or v2) holding a spinning child: with {@code
 * --cpu-source=auto} the container's CPU comes from the kernel's counter and its memory figures are
 * reported; with {@code proc} neither. Skipped with a printed reason where cgroups cannot be made.
 */
class KernelCounterIT {
  @TempDir Path dir;
  private final List<Path> created = new ArrayList<>();
  private Process spinner;

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

  private Path mkdir(Path p) {
    try {
      Files.createDirectory(p);
      created.add(0, p);
      return p;
    } catch (IOException | RuntimeException e) {
      String reason =
          "cannot create cgroup " + p + " (" + e + "): skipping the kernel-counter test";
      System.out.println(reason);
      throw Assumptions.<RuntimeException>abort(reason);
    }
  }

  @AfterEach
  void cleanUp() throws Exception {
    if (spinner != null) {
      spinner.destroyForcibly();
      spinner.waitFor();
    }
    for (Path p : created) {
      for (int i = 0; i < 50 && Files.exists(p); i++) {
        try {
          Files.delete(p);
        } catch (IOException busy) {
          Thread.sleep(100);
        }
      }
    }
  }

  @Test
  void cpuComesFromTheCgroupCounterAndProcModeIgnoresIt() throws Exception {
    String name = "rm-kc-" + UUID.randomUUID().toString().substring(0, 8);
    Path counter;
    List<Path> groups = new ArrayList<>();
    if (Files.isRegularFile(Path.of("/sys/fs/cgroup/cpuacct/cpuacct.usage"))) {
      counter = mkdir(Path.of("/sys/fs/cgroup/cpuacct" + selfPath("cpuacct"), name));
      groups.add(counter);
      groups.add(mkdir(Path.of("/sys/fs/cgroup/memory" + selfPath("memory"), name)));
    } else {
      Path v2 =
          Files.isRegularFile(Path.of("/sys/fs/cgroup/cgroup.controllers"))
              ? Path.of("/sys/fs/cgroup")
              : Path.of("/sys/fs/cgroup/unified");
      counter = mkdir(Path.of(v2 + selfPath(""), name));
      groups.add(counter);
    }
    spinner =
        new ProcessBuilder(Processes.child(Processes.JAVA, "spin", "30"))
            .redirectOutput(dir.resolve("spin.out").toFile())
            .start();
    Priority.raise(spinner.pid());
    for (Path g : groups) {
      Files.writeString(g.resolve("cgroup.procs"), Long.toString(spinner.pid()));
    }
    Processes.awaitFile(dir.resolve("spin.out"), "spinning", 20);

    long kernelBefore = usageNanos(counter);
    long wallBefore = System.nanoTime();
    Path autoDir = Files.createDirectory(dir.resolve("auto"));
    Path procDir = Files.createDirectory(dir.resolve("proc"));
    Processes.Run auto = Processes.collector(autoDir, Map.of(), "--interval=500ms");
    Processes.Run proc =
        Processes.collector(procDir, Map.of(), "--interval=500ms", "--cpu-source=proc");
    auto.awaitLog("tick 5:", 30);
    proc.awaitLog("tick 5:", 30);
    auto.process().destroy();
    proc.process().destroy();
    assertEquals(0, auto.waitFor(30), auto.err());
    assertEquals(0, proc.waitFor(30), proc.err());
    double kernelSeconds = (usageNanos(counter) - kernelBefore) / 1e9;
    double kernelCores = kernelSeconds / ((System.nanoTime() - wallBefore) / 1e9);

    try (Jsonb jsonb = JsonbBuilder.create()) {
      ContainerSummary a = container(jsonb.fromJson(auto.out().trim(), RunSummary.class), name);
      assertEquals("cgroup", a.cpuSource(), auto.out());
      assertTrue(
          a.cpuSeconds() <= kernelSeconds + 0.02,
          a.cpuSeconds() + " s within the kernel's " + kernelSeconds + " s");
      assertTrue(a.cpuSeconds() >= 1.0, "at least 5 ticks of 0.5 s: " + a.cpuSeconds());
      Saturation.assertOneCore(a.cpuCores().p50(), kernelCores, "cgroup-sourced cores");
      assertNotNull(a.cgroupMemoryBytes(), auto.out());
      // v1 charges pages to the cgroup that first touched them: a process moved in brings only
      // what it touches afterwards (the spinner: little), so only "something" is certain.
      assertTrue(a.cgroupMemoryBytes().peak() > 0, "charged: " + a.cgroupMemoryBytes());
      assertTrue(a.cgroupMemoryPeakBytes() >= a.cgroupMemoryBytes().peak());

      ContainerSummary p = container(jsonb.fromJson(proc.out().trim(), RunSummary.class), name);
      assertEquals("proc", p.cpuSource());
      assertNull(p.cgroupMemoryBytes());
      assertNull(p.cgroupMemoryPeakBytes());
      Saturation.assertOneCore(p.cpuCores().p50(), kernelCores, "proc-sourced cores");
    }
  }

  private static ContainerSummary container(RunSummary s, String name) {
    return s.containers().stream()
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no container " + name + " in " + s.containers()));
  }

  private static long usageNanos(Path g) throws IOException {
    Path v1 = g.resolve("cpuacct.usage");
    if (Files.isRegularFile(v1)) {
      return Long.parseLong(Files.readString(v1).trim());
    }
    for (String line : Files.readAllLines(g.resolve("cpu.stat"))) {
      if (line.startsWith("usage_usec ")) {
        return Long.parseLong(line.substring(11).trim()) * 1000;
      }
    }
    throw new AssertionError("no usage_usec in " + g);
  }
}
