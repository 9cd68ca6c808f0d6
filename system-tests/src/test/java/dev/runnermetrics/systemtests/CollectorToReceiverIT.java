package dev.runnermetrics.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ProcessSummary;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.common.summary.StoredRun;
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
    assertTrue(token.matches("[0-9a-f]{64}"), token);

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
              "--top=5",
              "--push-endpoint=http://127.0.0.1:" + receiver.port + "/api/v1/metrics",
              "--push-token=" + token);
      Thread.sleep(7_000);
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
    long expectedSamples = Math.round(summary.durationSeconds());
    assertTrue(
        Math.abs(summary.sampleCount() - expectedSamples) <= 2,
        summary.sampleCount() + " samples over " + summary.durationSeconds() + " s at 1 s");
    assertTrue(summary.cpuTotalPercent().peak() > 0 && summary.cpuTotalPercent().peak() <= 100);
    assertTrue(summary.memUsedBytes().peak() >= HELD_MIB * MIB);

    ProcessSummary topCpu = summary.topCpuProcesses().get(0);
    assertEquals("runner-burn", topCpu.name(), summary.topCpuProcesses().toString());
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
    }
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
