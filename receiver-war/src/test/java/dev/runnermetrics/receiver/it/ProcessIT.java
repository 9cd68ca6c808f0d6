package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver as a real process on a real SQLite file: runs survive a restart and a SIGKILL right
 * after their 201, and bad configuration ends the process with one line naming the setting.
 */
class ProcessIT {

  private static final String READ = "process-read-token";
  private static final String KEY = "process-hmac-key";

  @TempDir Path dir;

  private Path log(String name) {
    return Path.of("target", "it", "process", name + "-" + System.nanoTime() + ".log");
  }

  @Test
  void runsSurviveRestartAndKillNine() throws Exception {
    Path db = dir.resolve("nested/dir/metrics.db");
    Map<String, String> env =
        Map.of("RECEIVER_READ_TOKEN", READ, "RECEIVER_HMAC_KEY", KEY, "RECEIVER_DB", db.toString());
    String[] s = {"my-org", "my-org/my-repo", "ci.yml", "build"};
    List<Long> ids = new ArrayList<>();
    String token;

    try (ReceiverProcess first = ReceiverProcess.javaJar(env, log("first"))) {
      Receiver receiver = new Receiver(first.base(), READ);
      first.awaitReady(receiver);
      token = receiver.mint(s[0], "my-repo", s[2], s[3]);
      for (int i = 0; i < 3; i++) {
        ids.add(
            pushed(receiver.push(token, Bodies.push(s[0], s[1], s[2], s[3], "run-" + i), "k" + i)));
      }
      first.stop();
    }
    assertTrue(Files.exists(db), "database created with its parent directories");

    try (ReceiverProcess second =
        ReceiverProcess.launcher(
            List.of("--db=" + db, "--read-token=" + READ, "--hmac-key=" + KEY),
            Map.of(),
            log("second"))) {
      Receiver receiver = new Receiver(second.base(), READ);
      second.awaitReady(receiver);
      assertEquals(reversed(ids), ids(receiver.runs(s[0], s[1], s[2], s[3], "")));
      ids.add(pushed(receiver.push(token, Bodies.push(s[0], s[1], s[2], s[3], "run-3"), "k3")));
      second.kill();
    }

    try (ReceiverProcess third = ReceiverProcess.javaJar(env, log("third"))) {
      Receiver receiver = new Receiver(third.base(), READ);
      third.awaitReady(receiver);
      JsonArray runs = receiver.runs(s[0], "my-repo", s[2], s[3], "");
      assertEquals(reversed(ids), ids(runs));
      assertEquals("run-3", runs.getJsonObject(0).getString("run_id"));
      assertTrue(
          receiver
              .get("api/v1/metrics/repo/my-org/my-repo/ci.yml/build", "Bearer " + READ)
              .body()
              .contains("\"payload\":" + Bodies.PAYLOAD + "}"),
          "payload byte for byte after restart");
      HttpResponse<String> retry =
          receiver.push(token, Bodies.push(s[0], s[1], s[2], s[3], "run-3"), "k3");
      assertEquals(200, retry.statusCode(), "idempotency survives the kill: " + retry.body());
      third.stop();
    }
  }

  @Test
  void missingSecretsAndUnusableDatabaseEndTheProcess() throws Exception {
    Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
    record Case(Map<String, String> env, String line) {}
    List<Case> cases =
        List.of(
            new Case(
                Map.of("RECEIVER_HMAC_KEY", KEY, "RECEIVER_DB", dir.resolve("a.db").toString()),
                "receiver.read-token is not set"),
            new Case(
                Map.of("RECEIVER_READ_TOKEN", READ, "RECEIVER_DB", dir.resolve("b.db").toString()),
                "receiver.hmac-key is not set"),
            new Case(
                Map.of(
                    "RECEIVER_READ_TOKEN", READ,
                    "RECEIVER_HMAC_KEY", KEY,
                    "RECEIVER_DB", file.resolve("metrics.db").toString()),
                "receiver.db is not usable"));
    for (Case c : cases) {
      try (ReceiverProcess receiver = ReceiverProcess.javaJar(c.env(), log("bad-config"))) {
        int exit = receiver.awaitExit();
        String output = receiver.output();
        assertEquals(2, exit, output);
        assertTrue(
            output.lines().anyMatch(l -> l.startsWith("receiver: " + c.line())),
            c.line() + " missing from:\n" + output);
        assertTrue(!output.contains(READ) && !output.contains(KEY), "no secret in the output");
      }
    }
  }

  @Test
  void launcherRefusesMissingSecretsBeforeStartingJava() throws Exception {
    try (ReceiverProcess receiver =
        ReceiverProcess.launcher(List.of("--hmac-key=" + KEY), Map.of(), log("launcher"))) {
      assertEquals(2, receiver.awaitExit());
      assertTrue(receiver.output().contains("receiver.read-token is not set"), receiver.output());
    }
  }

  private static long pushed(HttpResponse<String> response) {
    assertEquals(201, response.statusCode(), response.body());
    return Receiver.json(response.body()).getJsonNumber("id").longValueExact();
  }

  private static List<Long> reversed(List<Long> ids) {
    List<Long> copy = new ArrayList<>(ids);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private static List<Long> ids(JsonArray runs) {
    List<Long> ids = new ArrayList<>();
    runs.forEach(r -> ids.add(r.asJsonObject().getJsonNumber("id").longValueExact()));
    return ids;
  }
}
