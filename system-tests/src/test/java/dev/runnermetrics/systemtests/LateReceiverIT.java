package dev.runnermetrics.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.StoredRun;
import dev.runnermetrics.common.token.PushTokens;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that ends while the receiver is still starting (or restarting): the collector keeps
 * retrying within its push timeout and delivers once the receiver is up. The token is computed here
 * from the HMAC key, proving the two sides agree on the canonical scope without a round trip.
 */
class LateReceiverIT {

  @Test
  void deliversOnceTheReceiverComesUpWithinThePushTimeout(@TempDir Path dir) throws Exception {
    int port = Receiver.freePort();
    String token =
        PushTokens.withKey(Receiver.HMAC_KEY)
            .mint(Scope.of("my-org", "my-repo", "ci.yml", "build"));
    String runId = "run-late-" + ProcessHandle.current().pid();
    Process collector =
        Collector.start(
            dir,
            Collector.seedEnv(runId),
            "--interval=500ms",
            "--push-endpoint=http://127.0.0.1:" + port + "/api/v1/metrics",
            "--push-token=" + token,
            "--push-timeout=180s");
    Receiver receiver = null;
    try {
      // Wait for what the collector did, not for wall time: a loaded machine can spend seconds
      // starting the JVM, and a SIGTERM before the first tick ends it without a summary.
      Processes.awaitLog(dir.resolve("collector.err"), "tick 2:", Duration.ofSeconds(120));
      collector.destroy();
      Processes.awaitLog(
          dir.resolve("collector.err"), "push attempt 1 failed", Duration.ofSeconds(120));
      assertTrue(collector.isAlive(), "the collector must still be retrying");

      receiver = Receiver.start(port, dir.resolve("metrics.db"), dir.resolve("receiver.log"), true);
      receiver.awaitReady(Duration.ofSeconds(180));
      assertTrue(
          collector.waitFor(120, TimeUnit.SECONDS),
          "collector still running; stderr:\n" + Processes.tail(dir.resolve("collector.err"), 30));
      assertEquals(
          0, collector.exitValue(), "stderr:\n" + Processes.tail(dir.resolve("collector.err"), 30));

      HttpResponse<String> stored =
          receiver.get("/api/v1/metrics/repo/my-org/my-repo/ci.yml/build", Receiver.READ_TOKEN);
      assertEquals(200, stored.statusCode(), stored.body());
      StoredRun run = CollectorToReceiverIT.onlyRun(stored.body());
      assertEquals(runId, run.runId());
      assertTrue(run.payload().sampleCount() >= 2, run.payload().toString());
    } finally {
      Processes.kill(collector);
      if (receiver != null) {
        receiver.close();
      }
    }
  }
}
