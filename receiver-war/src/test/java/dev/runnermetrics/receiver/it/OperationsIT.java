package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runnermetrics.receiver.export.control.Promtool;
import java.net.URL;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's metrics for operators at /metrics and the usage export, over HTTP on the real server:
 * counters and their types after pushes and refusals, no secret or scope in a label, and both
 * expositions accepted by {@code promtool check metrics}; and, on receiver processes of their own,
 * the retention setting's start-up check and the SQLite file made to give pages back.
 */
@ExtendWith(ArquillianExtension.class)
class OperationsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.receiver();
  }

  @ArquillianResource URL url;

  private Receiver receiver;

  @BeforeEach
  void client() {
    receiver = new Receiver(Deployments.base(url), Deployments.READ_TOKEN);
  }

  private String metrics() throws Exception {
    HttpResponse<String> response = receiver.get("metrics", "Bearer " + Deployments.READ_TOKEN);
    assertEquals(200, response.statusCode(), response.body());
    Path dump = Path.of("target", "it", "operations-metrics.txt");
    Files.createDirectories(dump.getParent());
    Files.writeString(dump, response.body(), StandardCharsets.UTF_8);
    return response.body();
  }

  /** The value of the first sample of {@code name} whose line passes {@code labels}. */
  private static double value(String text, String name, Predicate<String> labels) {
    return text.lines()
        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
        .filter(labels)
        .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no sample of " + name + " in\n" + text));
  }

  private static double value(String text, String name) {
    return value(text, name, l -> true);
  }

  private static double refused(String text, String reason) {
    return value(
        text, "receiver_pushes_refused_total", l -> l.contains("reason=\"" + reason + "\""));
  }

  private static void assertType(String text, String family, String type) {
    assertTrue(
        text.contains("# TYPE " + family + " " + type + "\n"),
        family + " is a " + type + " in\n" + text);
  }

  @Test
  void countsPushesRefusalsMintsAndAuthFailuresWithPrometheusTypes() throws Exception {
    String before = metrics();
    String[] s = Receiver.freshScope("ops-org", "ops-repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    String body = Bodies.push(s[0], s[1], s[2], s[3], "run-1");
    for (int i = 0; i < 3; i++) {
      assertEquals(201, receiver.push(token, body, null).statusCode());
    }
    assertEquals(403, receiver.push("0".repeat(64), body, null).statusCode(), "not this scope's");
    assertEquals(401, receiver.push(null, body, null).statusCode());
    String other = Bodies.push(s[0], s[1], s[2], "another-job", "run-2");
    assertEquals(403, receiver.push(token, other, null).statusCode());
    assertEquals(400, receiver.push(token, "{\"organization\":", null).statusCode());
    receiver.runs(s[0], s[1], s[2], s[3], "");

    String after = metrics();

    assertEquals(
        3,
        value(after, "receiver_pushes_stored_total")
            - value(before, "receiver_pushes_stored_total"));
    assertEquals(1, refused(after, "unauthorized") - refused(before, "unauthorized"));
    assertEquals(2, refused(after, "forbidden") - refused(before, "forbidden"));
    assertEquals(1, refused(after, "invalid") - refused(before, "invalid"));
    assertEquals(
        1,
        value(after, "receiver_token_mints_total") - value(before, "receiver_token_mints_total"));
    assertTrue(
        value(after, "receiver_auth_failures_total") - value(before, "receiver_auth_failures_total")
            >= 1);
    assertTrue(value(after, "receiver_stored_runs") >= 3);
    assertTrue(value(after, "receiver_database_size_bytes") > 0);
    assertTrue(value(after, "receiver_push_duration_seconds_count") >= 7);
    assertTrue(value(after, "receiver_query_duration_seconds_count") >= 1);
    // _sum is in seconds (Payara writes the quantiles, _mean and _max in nanoseconds: see
    // docs/operations.md), so the mean push of a few KB takes well under a minute.
    double pushSeconds =
        value(after, "receiver_push_duration_seconds_sum")
            / value(after, "receiver_push_duration_seconds_count");
    assertTrue(pushSeconds > 0 && pushSeconds < 60, "mean push " + pushSeconds + " s");

    assertType(after, "receiver_pushes_stored_total", "counter");
    assertType(after, "receiver_pushes_refused_total", "counter");
    assertType(after, "receiver_token_mints_total", "counter");
    assertType(after, "receiver_auth_failures_total", "counter");
    assertType(after, "receiver_stored_runs", "gauge");
    assertType(after, "receiver_database_size_bytes", "gauge");
    assertType(after, "receiver_push_duration_seconds", "summary");
    assertType(after, "receiver_query_duration_seconds", "summary");
    assertType(after, "receiver_group_commit_batch_size", "summary");

    assertFalse(after.contains(token), "no token in /metrics");
    assertFalse(after.contains(Deployments.READ_TOKEN), "no read token in /metrics");
    assertFalse(after.contains(s[2]), "no scope value in /metrics");
    assertEquals(List.of(), applicationLintProblems(), "promtool on /metrics?scope=application");
  }

  @Test
  void exportsEachJobsLatestFiguresForPrometheus() throws Exception {
    String[] s = Receiver.freshScope("ops-org", "ops-repo", "test \"quoted\"");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    for (int i = 0; i < 2; i++) {
      assertEquals(
          201,
          receiver.push(token, Bodies.push(s[0], s[1], s[2], s[3], "run-" + i), null).statusCode());
    }
    assertEquals(401, receiver.get("api/v1/export/prometheus", null).statusCode());

    HttpResponse<String> export =
        receiver.get("api/v1/export/prometheus", "Bearer " + Deployments.READ_TOKEN);

    assertEquals(200, export.statusCode(), export.body());
    assertTrue(
        export.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"),
        export.headers().toString());
    String labels =
        "organization=\"ops-org\",repository=\"ops-org/ops-repo\",workflow=\""
            + s[2]
            + "\",job=\"test \\\"quoted\\\"\",container=\"";
    assertTrue(export.body().contains("runner_job_cpu_p95_cores{" + labels), export.body());
    assertTrue(export.body().contains("runner_job_memory_peak_bytes{" + labels), export.body());
    assertTrue(
        export.body().contains("runner_job_memory_request_recommended_bytes{" + labels),
        export.body());
    assertFalse(export.body().contains(token));
    promtool(export.body());
  }

  /**
   * What promtool finds in the application's metrics, less one Payara quirk: its MicroProfile
   * Metrics 5.1 writer gives a timer's and a histogram's {@code _mean} gauge no HELP line.
   * (Payara's base and vendor metrics are camelCase and fail the linter: not ours to fix.)
   */
  private List<String> applicationLintProblems() throws Exception {
    HttpResponse<String> response =
        receiver.get("metrics?scope=application", "Bearer " + Deployments.READ_TOKEN);
    assertEquals(200, response.statusCode(), response.body());
    Optional<Path> promtool = Promtool.binary();
    if (promtool.isEmpty()) {
      System.out.println(
          "skipped promtool check: promtool not installed (apt-get install prometheus)");
      return List.of();
    }
    return Promtool.problems(promtool.get(), response.body()).stream()
        .filter(line -> !line.matches("receiver_[a-z_]+_mean no help text"))
        .toList();
  }

  @Test
  void aBadRetentionStopsTheReceiverWithOneLineNamingIt(@TempDir Path dir) throws Exception {
    Map<String, String> env = processEnv(dir, "90 days");
    try (ReceiverProcess process = ReceiverProcess.javaJar(env, processLog("bad-retention"))) {
      int exit = process.awaitExit();
      String output = process.output();
      assertEquals(2, exit, output);
      assertTrue(
          output.lines().anyMatch(l -> l.startsWith("receiver: receiver.retention must be")),
          output);
    }
  }

  @Test
  void retentionMakesTheSqliteFileGivePagesBack(@TempDir Path dir) throws Exception {
    Map<String, String> env = processEnv(dir, "30d");
    try (ReceiverProcess process = ReceiverProcess.javaJar(env, processLog("retention"))) {
      process.awaitReady(new Receiver(process.base(), "ops-read-token-0123456789"));
      assertTrue(
          process.output().contains("retention: runs are kept for PT720H"), process.output());
      process.stop();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs.db"));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("PRAGMA auto_vacuum")) {
      rows.next();
      assertEquals(2, rows.getInt(1), "auto_vacuum=INCREMENTAL");
    }
  }

  private static Map<String, String> processEnv(Path dir, String retention) {
    Map<String, String> env = new HashMap<>();
    env.put("RECEIVER_READ_TOKEN", "ops-read-token-0123456789");
    env.put("RECEIVER_HMAC_KEY", "ops-hmac-key-0123456789-abcdef");
    env.put("RECEIVER_DB", dir.resolve("runs.db").toString());
    env.put("RECEIVER_RETENTION", retention);
    return env;
  }

  private static Path processLog(String name) {
    return Path.of("target", "it", "process", name + "-" + System.nanoTime() + ".log");
  }

  private static void promtool(String exposition) throws Exception {
    Optional<Path> promtool = Promtool.binary();
    if (promtool.isEmpty()) {
      System.out.println(
          "skipped promtool check: promtool not installed (apt-get install prometheus)");
    }
    assumeTrue(promtool.isPresent(), "promtool not installed");
    assertEquals(Optional.empty(), Promtool.check(promtool.get(), exposition), exposition);
  }
}
