package dev.runnermetrics.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ProcessSummary;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.common.summary.StoredRun;
import dev.runnermetrics.common.summary.Timeline;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's whole flow with real processes: a token minted with a bare repository name, the
 * collector measuring a CPU-bound "runner" and a memory-holding "sidecar" in real cgroups, SIGTERM,
 * and the stored run read back through both query path forms.
 */
class CollectorToReceiverIT {

  private static final long MIB = 1 << 20;
  private static final int HELD_MIB = 200;

  @TempDir static Path dir;
  private static Receiver receiver;

  @BeforeAll
  static void startReceiver() throws Exception {
    receiver =
        Receiver.start(
                Receiver.freePort(),
                dir.resolve("data/metrics.db"),
                dir.resolve("receiver.log"),
                false)
            .awaitReady(Duration.ofSeconds(180));
  }

  @AfterAll
  static void stopReceiver() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
  }

  @Test
  void storesMeasuredRunReadableThroughBothPathForms() throws Exception {
    String token = receiver.mintToken("my-org", "my-repo", "ci.yml", "build");
    assertTrue(token.matches("v1\\.[1-9][0-9]*\\.[0-9a-f]{64}"), token);

    String runId = "run-e2e-" + ProcessHandle.current().pid();
    Cgroups.Result cgroups =
        Cgroups.create("runner-metrics-e2e-" + ProcessHandle.current().pid(), "runner", "sidecar");
    if (cgroups.cgroups().isEmpty()) {
      System.out.println("SKIPPED container attribution checks: " + cgroups.reason());
    }
    Process burner = null;
    Process holder = null;
    Process collector = null;
    long start = System.nanoTime();
    try {
      burner = workload(dir.resolve("runner-burn"), "Burn", "-Xmx32m");
      holder = workload(dir.resolve("sidecar-hold"), "Hold", "-Xmx" + (HELD_MIB + 64) + "m");
      holder.getOutputStream().close();
      if (cgroups.cgroups().isPresent()) {
        cgroups.cgroups().get().favourCpu();
        cgroups.cgroups().get().move(burner.pid(), "runner");
        cgroups.cgroups().get().move(holder.pid(), "sidecar");
      }
      start = System.nanoTime();
      collector =
          Collector.start(
              dir,
              Collector.seedEnv(runId),
              "--interval=1s",
              // the host is shared (other JVMs, builds): long lists so the workloads are in them
              "--top=50",
              "--push-endpoint=http://127.0.0.1:" + receiver.port + "/api/v1/metrics",
              "--push-token=" + token);
      // Six ticks at 1 s, however long the JVM took to start on a busy machine.
      Processes.awaitLog(dir.resolve("collector.err"), "tick 6:", Duration.ofSeconds(180));
      int exit = Processes.stop(collector, Duration.ofSeconds(60));
      assertEquals(
          0, exit, "collector exit; stderr:\n" + Processes.tail(dir.resolve("collector.err"), 30));
    } finally {
      Processes.kill(collector);
      Processes.kill(burner);
      Processes.kill(holder);
      if (burner != null) {
        burner.waitFor();
      }
      if (holder != null) {
        holder.waitFor();
      }
      cgroups.cgroups().ifPresent(Cgroups::close);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;

    HttpResponse<String> bare =
        receiver.get("/api/v1/metrics/repo/my-org/my-repo/ci.yml/build", Receiver.READ_TOKEN);
    HttpResponse<String> encoded =
        receiver.get(
            "/api/v1/metrics/repo/my-org/my-org%2Fmy-repo/ci.yml/build", Receiver.READ_TOKEN);
    assertEquals(200, bare.statusCode(), bare.body());
    assertEquals(200, encoded.statusCode(), encoded.body());
    assertEquals(bare.body(), encoded.body());

    StoredRun run = onlyRun(bare.body());
    assertTrue(run.id() > 0);
    assertEquals("my-org", run.organization());
    assertEquals("my-org/my-repo", run.repository());
    assertEquals("ci.yml", run.workflow());
    assertEquals("build", run.job());
    assertEquals(runId, run.runId());
    assertNotNull(run.receivedAt());

    RunSummary summary = run.payload();
    assertTrue(
        summary.durationSeconds() >= 5 && summary.durationSeconds() <= elapsed + 1,
        "duration " + summary.durationSeconds() + " for a run of " + elapsed + " s");
    // At least the six ticks waited for; at most one per second plus the final one (a loaded
    // machine may skip ticks, never add them).
    assertTrue(
        summary.sampleCount() >= 6 && summary.sampleCount() <= summary.durationSeconds() + 2,
        summary.sampleCount() + " samples over " + summary.durationSeconds() + " s at 1 s");
    assertTrue(summary.cpuTotalPercent().peak() > 0 && summary.cpuTotalPercent().peak() <= 100);
    assertTrue(summary.memUsedBytes().peak() >= HELD_MIB * MIB);

    ProcessSummary topCpu = process(summary.topCpuProcesses(), "runner-burn");
    assertWithin(100, 15, topCpu.peakCpuPercent(), "burner peak CPU %");
    ProcessSummary holderProcess = process(summary.topMemProcesses(), "sidecar-hold");
    assertTrue(holderProcess.peakMemBytes() >= HELD_MIB * MIB, holderProcess.toString());

    if (cgroups.cgroups().isPresent()) {
      assertEquals("runner", topCpu.container());
      assertEquals("sidecar", holderProcess.container());
      ContainerSummary runnerContainer = container(summary, "runner");
      ContainerSummary sidecar = container(summary, "sidecar");
      assertWithin(1.0, 0.15, runnerContainer.cpuCores().peak(), "runner peak cores");
      assertTrue(sidecar.cpuCores().avg() < 0.3, "sidecar avg cores " + sidecar.cpuCores());
      assertTrue(
          sidecar.memoryBytes().peak() >= HELD_MIB * MIB
              && sidecar.memoryBytes().peak() <= (HELD_MIB + 160) * MIB,
          "sidecar memory " + sidecar.memoryBytes());
      assertTrue(runnerContainer.memoryBytes().peak() < HELD_MIB * MIB, runnerContainer.toString());
      assertEquals(2.0, runnerContainer.cpuLimitCores());
      assertEquals(1L << 30, runnerContainer.memoryLimitBytes());
      assertEquals(0.5, sidecar.cpuLimitCores());
      assertEquals(256L << 20, sidecar.memoryLimitBytes());
      assertCgroupFigures(summary, runnerContainer, sidecar);
    }
    assertTimeline(summary.systemTimeline(), summary, "system");
  }

  /**
   * The figures from the containers' own cgroup files survive the push and the store: limits from
   * CGROUP_LIMITS say so, the OOM and throttling counters of groups without limits read zero,
   * pressure is there where the v2 hierarchy has the files, and each container has a timeline.
   */
  private static void assertCgroupFigures(
      RunSummary summary, ContainerSummary runner, ContainerSummary sidecar) {
    for (ContainerSummary c : List.of(runner, sidecar)) {
      assertEquals("cgroup_limits", c.cpuLimitSource(), c.toString());
      assertEquals("cgroup_limits", c.memoryLimitSource(), c.toString());
      assertTimeline(c.timeline(), summary, c.name());
    }
    assertEquals(Boolean.FALSE, runner.memoryNearLimit(), "a burner far below 1 GiB: " + runner);
    // The sidecar's JVM holds 200 MiB plus its own heap and code against a 256 MiB limit: near
    // or not, the flag must agree with the figures it reports.
    for (ContainerSummary c : List.of(runner, sidecar)) {
      double peak = c.memoryBytes().peak();
      if (c.cgroupMemoryBytes() != null) {
        peak = Math.max(peak, c.cgroupMemoryBytes().peak());
      }
      if (c.cgroupMemoryPeakBytes() != null) {
        peak = Math.max(peak, c.cgroupMemoryPeakBytes());
      }
      assertEquals(peak >= 0.95 * c.memoryLimitBytes(), c.memoryNearLimit(), c.toString());
    }
    Path root = Path.of("/sys/fs/cgroup");
    if (Files.exists(root.resolve("memory/memory.oom_control"))
        || Files.exists(root.resolve("cgroup.controllers"))) {
      assertEquals(0L, runner.oomKills(), runner.toString());
      assertNotNull(runner.memoryEvents(), runner.toString());
    }
    if (Files.exists(root.resolve("cpu/cpu.stat"))) {
      assertEquals(0.0, runner.cpuThrottledRatio(), "no quota in force: " + runner);
      assertEquals(0.0, runner.cpuThrottledSeconds(), runner.toString());
    }
    if (Files.exists(root.resolve("unified/cpu.pressure"))
        || Files.exists(root.resolve("cpu.pressure"))) {
      assertNotNull(runner.pressure(), runner.toString());
      assertNotNull(runner.pressure().cpu(), runner.toString());
    }
    if (Files.exists(Path.of("/proc/pressure/cpu"))) {
      assertNotNull(summary.systemPressure(), "host pressure");
      assertNotNull(summary.systemPressure().cpu().someSeconds());
    }
  }

  private static void assertTimeline(Timeline t, RunSummary summary, String what) {
    assertNotNull(t, what + " timeline");
    assertTrue(t.isAligned(), what);
    int points = t.offsetSeconds().size();
    assertTrue(points >= 1 && points <= 300, what + " points " + points);
    assertTrue(
        t.offsetSeconds().get(points - 1) <= summary.durationSeconds() + t.bucketSeconds(),
        what + " offsets " + t.offsetSeconds());
    assertTrue(
        java.util.Collections.max(t.memoryBytesMax()) > 0, what + " memory " + t.memoryBytesMax());
  }

  /** Starts a workload class under its own process name (a symlink to java), once it is ready. */
  static Process workload(Path name, String mainClass, String heap) throws Exception {
    Files.deleteIfExists(name);
    Files.createSymbolicLink(name, Repo.java());
    Process process =
        new ProcessBuilder(
                name.toString(),
                "-XX:+UseSerialGC",
                heap,
                "-cp",
                Repo.TEST_CLASSES.toString(),
                "dev.runnermetrics.systemtests.workload." + mainClass,
                Integer.toString(HELD_MIB))
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    Processes.awaitLine(process, "ready", Duration.ofSeconds(60));
    return process;
  }

  static StoredRun onlyRun(String json) throws Exception {
    try (Jsonb jsonb = JsonbBuilder.create()) {
      StoredRun[] runs = jsonb.fromJson(json, StoredRun[].class);
      assertEquals(1, runs.length, json);
      return runs[0];
    }
  }

  private static ContainerSummary container(RunSummary summary, String name) {
    Optional<ContainerSummary> found =
        summary.containers().stream().filter(c -> c.name().equals(name)).findFirst();
    assertTrue(found.isPresent(), name + " missing from " + summary.containers());
    return found.get();
  }

  private static ProcessSummary process(List<ProcessSummary> processes, String name) {
    Optional<ProcessSummary> found =
        processes.stream().filter(p -> p.name().equals(name)).findFirst();
    assertTrue(found.isPresent(), name + " missing from " + processes);
    return found.get();
  }

  private static void assertWithin(double expected, double tolerance, double actual, String what) {
    assertTrue(
        Math.abs(actual - expected) <= tolerance,
        what + ": expected " + expected + " ± " + tolerance + ", got " + actual);
  }
}
