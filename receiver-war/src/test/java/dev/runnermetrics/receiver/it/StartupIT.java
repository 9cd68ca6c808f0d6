package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.token.PushTokens;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, item 4: polled from the moment {@code bin/receiver} is launched, {@code /health/ready},
 * a query and a push each get a refused connection, a 503 with {@code Retry-After} (problem+json on
 * the API), or their real answer: never a 500 or an HTML 404 of a half-deployed receiver. A start
 * that fails answers nothing but refusals and 503s until the process exits.
 */
class StartupIT {

  private static final String READ = "startup-read-token-4e8a1f";
  private static final String KEY = "startup-hmac-key-93c2d7";

  @TempDir Path dir;

  private Path log(String name) {
    return Path.of("target", "it", "startup", name + "-" + System.nanoTime() + ".log");
  }

  /** What one poll saw: "refused", "503" (a correct one), or the real status. */
  private static String outcome(String what, Supplier<HttpResponse<String>> request, boolean api) {
    HttpResponse<String> response;
    try {
      response = request.get();
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof ConnectException) {
        return "refused";
      }
      throw new AssertionError(what + ": neither refused nor answered", e);
    }
    if (response.statusCode() == 503) {
      assertTrue(
          response.headers().firstValue("Retry-After").isPresent(),
          what + ": 503 without Retry-After: " + response.body());
      if (api) {
        assertEquals(
            "application/problem+json",
            response.headers().firstValue("Content-Type").orElse("").split(";")[0],
            what + ": 503 body " + response.body());
      }
      return "503";
    }
    return String.valueOf(response.statusCode());
  }

  @Test
  void fromLaunchEveryAnswerIsRefusedOr503OrTheRealOne() throws Exception {
    String[] s = {"my-org", "my-org/my-repo", "ci.yml", "build"};
    String token = PushTokens.withKey(KEY).mint(Scope.of(s[0], s[1], s[2], s[3]));
    String query = "api/v1/metrics/repo/my-org/my-org%2Fmy-repo/ci.yml/build";
    Map<String, Integer> seen = new TreeMap<>();
    try (ReceiverProcess process =
        ReceiverProcess.launcher(
            List.of(
                "--db=" + dir.resolve("metrics.db"), "--read-token=" + READ, "--hmac-key=" + KEY),
            Map.of(),
            log("launch"))) {
      Receiver receiver = new Receiver(process.base(), READ);
      Instant deadline = Instant.now().plus(ReceiverProcess.STARTUP);
      int run = 0;
      while (true) {
        if (Instant.now().isAfter(deadline)) {
          fail(
              "not ready within "
                  + ReceiverProcess.STARTUP
                  + ", saw "
                  + seen
                  + ":\n"
                  + process.output());
        }
        String ready = outcome("ready", () -> receiver.get("health/ready", null), false);
        String read = outcome("query", () -> receiver.get(query, "Bearer " + READ), true);
        String runId = "run-" + run++;
        String push =
            outcome(
                "push",
                () -> receiver.push(token, Bodies.push(s[0], s[1], s[2], s[3], runId), null),
                true);
        seen.merge("ready " + ready, 1, Integer::sum);
        seen.merge("query " + read, 1, Integer::sum);
        seen.merge("push " + push, 1, Integer::sum);
        assertTrue(
            List.of("refused", "503", "200").contains(ready), "ready: " + ready + " " + seen);
        assertTrue(List.of("refused", "503", "200").contains(read), "query: " + read + " " + seen);
        assertTrue(List.of("refused", "503", "201").contains(push), "push: " + push + " " + seen);
        if (ready.equals("200") && read.equals("200") && push.equals("201")) {
          break;
        }
        Thread.sleep(20);
      }
      System.out.println("StartupIT: answers from launch to ready: " + seen);
    }
  }

  @Test
  void aFailingStartAnswersOnlyRefusalsAnd503UntilItExits() throws Exception {
    Path directory = Files.createDirectories(dir.resolve("metrics.db"));
    Map<String, Integer> seen = new TreeMap<>();
    try (ReceiverProcess process =
        ReceiverProcess.launcher(
            List.of("--db=" + directory, "--read-token=" + READ, "--hmac-key=" + KEY),
            Map.of(),
            log("failing"))) {
      Receiver receiver = new Receiver(process.base(), READ);
      while (process.isAlive()) {
        String read =
            outcome(
                "query", () -> receiver.get("api/v1/metrics/repo/o/r/w/j", "Bearer " + READ), true);
        String page = outcome("page", () -> receiver.get("ui/signin", null), false);
        seen.merge("query " + read, 1, Integer::sum);
        seen.merge("page " + page, 1, Integer::sum);
        assertTrue(List.of("refused", "503").contains(read), "query: " + read + " " + seen);
        assertTrue(List.of("refused", "503").contains(page), "page: " + page + " " + seen);
        Thread.sleep(20);
      }
      assertEquals(2, process.awaitExit(), process.output());
      assertTrue(
          process
              .output()
              .contains("receiver: receiver.db is not usable: " + directory + " is a directory"),
          process.output());
      System.out.println("StartupIT: answers of a failing start: " + seen);
    }
  }
}
