package dev.runnermetrics.collector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.runnermetrics.common.summary.PushRequest;
import dev.runnermetrics.common.summary.RunSummary;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar: SIGTERM → final tick → summary → push or stdout, with the documented exit codes.
 */
class LifecycleIT {
  @org.junit.jupiter.api.BeforeAll
  static void linuxOnly() {
    Processes.requireLinuxProc();
  }

  @TempDir Path dir;

  private static final Map<String, String> SCOPE =
      Map.of(
          "GITHUB_REPOSITORY_OWNER", "my-org",
          "GITHUB_REPOSITORY", "my-repo",
          "GITHUB_WORKFLOW", "ci.yml",
          "GITHUB_JOB", "build",
          "GITHUB_RUN_ID", "run-123");

  @Test
  void withoutEndpointPrintsTheSummaryOnSigterm() throws Exception {
    Processes.Run run = Processes.collector(dir, Map.of(), "--interval=200ms", "--top", "500");
    run.awaitLog("tick 3:", 20);
    run.process().destroy(); // SIGTERM
    assertEquals(0, run.waitFor(20), run.err());
    String json = run.out().trim();
    JsonObject o = Json.createReader(new StringReader(json)).readObject();
    assertTrue(o.containsKey("cpu_total_percent") && o.containsKey("top_cpu_processes"), json);
    try (Jsonb jsonb = JsonbBuilder.create()) {
      RunSummary s = jsonb.fromJson(json, RunSummary.class);
      assertTrue(s.sampleCount() >= 3, json);
      assertTrue(s.memUsedBytes().peak() > 0, json);
      assertTrue(s.topCpuProcesses().size() <= 500, json);
      assertTrue(s.endTime().isAfter(s.startTime()));
      // with a top list longer than the process table, the collector is in it too
      long self = run.process().pid();
      assertTrue(s.topMemProcesses().stream().anyMatch(p -> p.pid() == self), json);
    }
    assertTrue(run.err().contains("SIGTERM"), run.err());
  }

  @Test
  void pushesExactlyOnceWithBodyTokenAndIdempotencyKey() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> auth = new CopyOnWriteArrayList<>();
    List<String> keys = new CopyOnWriteArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/metrics",
        ex -> {
          bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          auth.add(ex.getRequestHeaders().getFirst("Authorization"));
          keys.add(ex.getRequestHeaders().getFirst("Idempotency-Key"));
          ex.sendResponseHeaders(201, -1);
          ex.close();
        });
    server.start();
    try {
      Map<String, String> env = new java.util.HashMap<>(SCOPE);
      // a token file with Windows line endings: the CR LF is not part of the token
      env.put("COLLECTOR_PUSH_TOKEN", " tok-from-env\r\n");
      Processes.Run run =
          Processes.collector(
              dir,
              env,
              "--interval",
              "200ms",
              "--push-endpoint=http://127.0.0.1:"
                  + server.getAddress().getPort()
                  + "/api/v1/metrics");
      run.awaitLog("tick 2:", 20);
      run.process().destroy();
      assertEquals(0, run.waitFor(30), run.err());
      assertEquals(1, bodies.size(), run.err());
      assertEquals("Bearer tok-from-env", auth.get(0));
      UUID.fromString(keys.get(0));
      assertEquals("", run.out().trim(), "delivered summaries are not printed");
      assertTrue(!run.err().contains("tok-from-env"), "token leaked into the log");
      try (Jsonb jsonb = JsonbBuilder.create()) {
        PushRequest r = jsonb.fromJson(bodies.get(0), PushRequest.class);
        assertEquals("my-org", r.organization());
        assertEquals("my-org/my-repo", r.repository());
        assertEquals("ci.yml", r.workflow());
        assertEquals("build", r.job());
        assertEquals("run-123", r.runId());
        assertTrue(r.payload().sampleCount() >= 2, bodies.get(0));
      }
    } finally {
      server.stop(0);
    }
  }

  @Test
  void receiverDownRetriesUntilTimeoutThenPrintsAndExits1() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Processes.Run run =
        Processes.collector(
            dir,
            SCOPE,
            "--interval=200ms",
            "--push-timeout=2s",
            "--push-token=secret-token",
            "--push-endpoint=http://127.0.0.1:" + port + "/api/v1/metrics");
    run.awaitLog("tick 1:", 20);
    long start = System.nanoTime();
    run.process().destroy();
    assertEquals(1, run.waitFor(30), run.err());
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(seconds >= 1.8, "gave up after " + seconds + " s");
    assertTrue(run.err().contains("push attempt 2 failed"), run.err());
    assertTrue(!run.err().contains("secret-token"), "token leaked into the log");
    JsonObject o = Json.createReader(new StringReader(run.out().trim())).readObject();
    assertTrue(o.getJsonNumber("sample_count").longValue() >= 1, run.out());
  }

  @Test
  void invalidSettingExits2WithOneLine() throws Exception {
    Processes.Run run =
        Processes.collector(dir, Map.of("CGROUP_PROCESS_MAP", "{oops"), "--interval=1s");
    assertEquals(2, run.waitFor(20));
    List<String> lines = run.err().lines().toList();
    assertEquals(1, lines.size(), run.err());
    assertTrue(
        lines.get(0).contains("CGROUP_PROCESS_MAP") && lines.get(0).contains("{oops"),
        lines.get(0));
  }

  @Test
  void jsonLogsAreOneObjectPerLine() throws Exception {
    Processes.Run run =
        Processes.collector(dir, Map.of("COLLECTOR_LOG_FORMAT", "json"), "--interval=200ms");
    run.awaitLog("tick 2:", 20);
    run.process().destroy();
    assertEquals(0, run.waitFor(20));
    for (String line : run.err().lines().toList()) {
      JsonObject o = Json.createReader(new StringReader(line)).readObject();
      assertTrue(o.containsKey("level") && o.containsKey("message") && o.containsKey("time"), line);
    }
  }
}
