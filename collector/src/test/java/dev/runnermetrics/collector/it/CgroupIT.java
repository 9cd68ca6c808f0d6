package dev.runnermetrics.collector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ProcessSummary;
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
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real cgroups standing for containers {@code runner} and {@code sidecar}, children moved in
 * through {@code cgroup.procs}, named by {@code CGROUP_PROCESS_MAP}, measured by the real jar.
 */
class CgroupIT {
  @org.junit.jupiter.api.BeforeAll
  static void linuxOnly() {
    Processes.requireLinuxProc();
  }

  private static final long MIB = 1 << 20;

  @TempDir Path dir;
  private final List<Path> created = new ArrayList<>();
  private final List<Process> children = new ArrayList<>();

  /** v1 memory controller (what the collector groups by when v1 is mounted), else pure v2. */
  private static Path hierarchy() {
    Path v1 = Path.of("/sys/fs/cgroup/memory");
    if (Files.isRegularFile(v1.resolve("cgroup.procs"))) {
      return v1;
    }
    Path v2 = Path.of("/sys/fs/cgroup");
    if (Files.isRegularFile(v2.resolve("cgroup.controllers"))) {
      return v2;
    }
    return v1;
  }

  private Path mkdir(Path p) {
    try {
      Files.createDirectory(p);
      created.add(0, p);
      return p;
    } catch (IOException e) {
      Assumptions.assumeTrue(
          false,
          () -> {
            String reason =
                "cannot create cgroup " + p + " (" + e + "): skipping the real-cgroup test";
            System.out.println(reason);
            return reason;
          });
      throw new AssertionError(e);
    }
  }

  private Process start(String name, Path cgroup, String... args) throws IOException {
    Path link = dir.resolve(name);
    Files.createSymbolicLink(
        link, Path.of(Processes.JAVA)); // comm is the name the binary was run by
    Process p =
        new ProcessBuilder(Processes.child(link.toString(), args))
            .redirectOutput(dir.resolve(name + ".out").toFile())
            .redirectError(dir.resolve(name + ".err").toFile())
            .start();
    children.add(p);
    Priority.raise(p.pid());
    Files.writeString(cgroup.resolve("cgroup.procs"), Long.toString(p.pid()));
    return p;
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor();
    }
    for (Path p : created) {
      for (int i = 0; i < 50 && Files.exists(p); i++) {
        try {
          Files.delete(p); // rmdir; fails while the kernel still counts an exiting task
        } catch (IOException busy) {
          Thread.sleep(100);
        }
      }
    }
  }

  @Test
  void attributesCpuAndMemoryToTheMappedCgroupsWithTheirLimits() throws Exception {
    Path parent =
        mkdir(
            hierarchy()
                .resolve("runner-metrics-test-" + UUID.randomUUID().toString().substring(0, 8)));
    Path runner = mkdir(parent.resolve("runner"));
    Path sidecar = mkdir(parent.resolve("sidecar"));
    Process spinner = start("spinner", runner, "spin", "30");
    Process holder = start("holder", sidecar, "hold", "200", "0", "30");
    Processes.awaitFile(dir.resolve("spinner.out"), "spinning", 20);
    Processes.awaitFile(dir.resolve("holder.out"), "holding", 20);
    assertTrue(
        Files.readString(Path.of("/proc/" + spinner.pid() + "/cgroup"))
            .contains(runner.getFileName() + ""));

    long spinnerCpuBefore = spinner.info().totalCpuDuration().orElseThrow().toNanos();
    long wallBefore = System.nanoTime();
    Processes.Run run =
        Processes.collector(
            dir,
            Map.of(
                "CGROUP_PROCESS_MAP", "{\"spinner\":\"runner\",\"holder\":\"sidecar\"}",
                "CGROUP_LIMITS",
                    "{\"runner\":{\"cpu\":\"2\",\"memory\":\"1Gi\"},\"sidecar\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"}}"),
            "--interval=500ms",
            "--top=50");
    run.awaitLog("tick 5:", 30);
    long holderRss = rss(holder.pid());
    double spinnerKernelCores =
        (spinner.info().totalCpuDuration().orElseThrow().toNanos() - spinnerCpuBefore)
            / (double) (System.nanoTime() - wallBefore);
    run.process().destroy();
    assertEquals(0, run.waitFor(30), run.err());

    try (Jsonb jsonb = JsonbBuilder.create()) {
      RunSummary s = jsonb.fromJson(run.out().trim(), RunSummary.class);
      Map<String, ContainerSummary> c =
          s.containers().stream()
              .collect(Collectors.toMap(ContainerSummary::name, Function.identity()));
      assertTrue(c.containsKey("runner") && c.containsKey("sidecar"), run.out());
      ProcessSummary spin =
          s.topCpuProcesses().stream()
              .filter(p -> p.pid() == spinner.pid())
              .findFirst()
              .orElseThrow(() -> new AssertionError(run.out()));
      assertEquals("spinner", spin.name());
      assertEquals("runner", spin.container());
      // the spinner is alone in runner: the container's series is its series
      assertEquals(spin.avgCpuPercent() / 100, c.get("runner").cpuCores().avg(), 0.01);
      assertEquals(spin.peakCpuPercent() / 100, c.get("runner").cpuCores().peak(), 0.01);
      Saturation.assertOneCore(
          c.get("runner").cpuCores().peak(), spinnerKernelCores, "runner peak cores");
      assertTrue(c.get("sidecar").cpuCores().peak() < 0.2, "the holder only sleeps");
      assertEquals(holderRss, c.get("sidecar").memoryBytes().peak(), 0.05 * holderRss);
      assertTrue(c.get("sidecar").memoryBytes().peak() >= 200 * MIB);
      assertTrue(c.get("runner").memoryBytes().peak() < 150 * MIB, "no 200 MiB in runner");
      assertEquals(2.0, c.get("runner").cpuLimitCores());
      assertEquals(1L << 30, c.get("runner").memoryLimitBytes());
      assertEquals(0.5, c.get("sidecar").cpuLimitCores());
      assertEquals(256L << 20, c.get("sidecar").memoryLimitBytes());

      ProcessSummary mem =
          s.topMemProcesses().stream()
              .filter(p -> p.pid() == holder.pid())
              .findFirst()
              .orElseThrow();
      assertEquals("holder", mem.name());
      assertEquals("sidecar", mem.container());
    }
  }

  private static long rss(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    throw new AssertionError("no VmRSS for " + pid);
  }
}
