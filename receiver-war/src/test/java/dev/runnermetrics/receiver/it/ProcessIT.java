package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
    // One at a time, each with the whole start-up window: three Payara Micro boots at once on a
    // busy two-core machine can take longer than that window, which says nothing about the code.
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

  /**
   * Issue 6: SIGKILL in the middle of a load from 8 clients; after a restart every push that got a
   * 2xx is stored exactly once (by idempotency key) and the file passes {@code PRAGMA
   * integrity_check}. The same run holds the auth matrix, after which no secret may appear in the
   * logs, and a short HMAC key that must be warned about.
   */
  @Test
  void killMidLoadKeepsEveryAcknowledgedPushOnceAndNoSecretIsLogged() throws Exception {
    String read = "durability-read-token-5f3a9c";
    String key = "Zq7xK9wP";
    Path db = dir.resolve("load.db");
    Map<String, String> env =
        Map.of("RECEIVER_READ_TOKEN", read, "RECEIVER_HMAC_KEY", key, "RECEIVER_DB", db.toString());
    String[] s = {"load-org", "load-org/repo", "ci.yml", "build"};
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<String> secrets = new ArrayList<>(List.of(read, key));
    Path firstLog = log("load-first");
    Path secondLog = log("load-second");

    try (ReceiverProcess first = ReceiverProcess.javaJar(env, firstLog)) {
      Receiver receiver = new Receiver(first.base(), read);
      first.awaitReady(receiver);
      String token = receiver.mint(s[0], s[1], s[2], s[3]);
      String other = receiver.mint(s[0], s[1], s[2], "deploy");
      secrets.add(token);
      secrets.add(other);
      authMatrix(receiver, s, read, key, token, other);

      ExecutorService pool = Executors.newFixedThreadPool(8);
      AtomicBoolean killed = new AtomicBoolean();
      for (int t = 0; t < 8; t++) {
        int client = t;
        pool.submit(
            () -> {
              for (int n = 0; n < 100_000 && !killed.get(); n++) {
                String id = "c" + client + "-" + n;
                try {
                  int status =
                      receiver
                          .push(token, Bodies.push(s[0], s[1], s[2], s[3], id), id)
                          .statusCode();
                  if (status / 100 == 2) {
                    acknowledged.add(id);
                  }
                } catch (IllegalStateException refusedAfterKill) {
                  return;
                }
              }
            });
      }
      Instant deadline = Instant.now().plusSeconds(120);
      while (acknowledged.size() < 150 && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      first.kill();
      killed.set(true);
      pool.shutdown();
      assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS), "clients ended after the kill");
    }
    assertTrue(acknowledged.size() >= 150, "pushes before the kill: " + acknowledged.size());
    try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement statement = sqlite.createStatement();
        ResultSet check = statement.executeQuery("PRAGMA integrity_check")) {
      assertTrue(check.next());
      assertEquals("ok", check.getString(1));
    }

    try (ReceiverProcess second = ReceiverProcess.javaJar(env, secondLog)) {
      Receiver receiver = new Receiver(second.base(), read);
      second.awaitReady(receiver);
      Map<String, Integer> stored = new HashMap<>();
      String before = "";
      for (int page = 0; page < 1000; page++) {
        JsonArray runs = receiver.runs(s[0], s[1], s[2], s[3], "?limit=1000" + before);
        runs.forEach(r -> stored.merge(r.asJsonObject().getString("run_id"), 1, Integer::sum));
        if (runs.size() < 1000) {
          break;
        }
        before = "&before=" + runs.getJsonObject(runs.size() - 1).getJsonNumber("id").longValue();
      }
      for (String id : acknowledged) {
        assertEquals(1, stored.getOrDefault(id, 0), "acknowledged push " + id + " stored once");
      }
      assertTrue(stored.values().stream().allMatch(n -> n == 1), "no push stored twice");
      String retried = acknowledged.iterator().next();
      assertEquals(
          200,
          receiver
              .push(
                  receiver.mint(s[0], s[1], s[2], s[3]),
                  Bodies.push(s[0], s[1], s[2], s[3], retried),
                  retried)
              .statusCode(),
          "a retry of an acknowledged push is a replay");
      second.stop();
    }

    String logs = Files.readString(firstLog) + Files.readString(secondLog);
    for (String secret : secrets) {
      assertFalse(logs.contains(secret), "a secret of length " + secret.length() + " was logged");
    }
    assertTrue(
        logs.contains("receiver.hmac-key is shorter than 16 bytes"), "short key warned:\n" + logs);
    assertFalse(logs.contains("receiver.read-token is shorter"), "long read token not warned");
  }

  /** Every refusal of the auth matrix, against a real process whose log is checked afterwards. */
  private static void authMatrix(
      Receiver receiver, String[] s, String read, String key, String token, String other) {
    String body = Bodies.push(s[0], s[1], s[2], s[3], "matrix");
    String path =
        "api/v1/metrics/repo/" + s[0] + "/" + Receiver.enc(s[1]) + "/" + s[2] + "/" + s[3];
    for (String authorization :
        new String[] {
          null, "Bearer " + token, "Bearer " + key, "Bearer " + read + "x", "Basic " + read
        }) {
      assertEquals(401, receiver.get(path, authorization).statusCode(), "GET " + authorization);
    }
    assertEquals(401, receiver.push(read, body, null).statusCode(), "read token pushes");
    assertEquals(401, receiver.push(key, body, null).statusCode(), "HMAC key pushes");
    assertEquals(403, receiver.push(other, body, null).statusCode(), "other job's token");
    assertEquals(
        403,
        receiver.push(token, Bodies.push(s[0], s[1], s[2], "deploy", "m"), null).statusCode(),
        "body of another job");
    HttpResponse<String> mint =
        receiver.send(
            receiver
                .post("api/v1/token", Receiver.tokenBody(s[0], s[1], s[2], s[3]))
                .header("Authorization", "Bearer " + token)
                .build());
    assertEquals(401, mint.statusCode(), "push token mints");
    assertEquals(0, receiver.runs(s[0], s[1], s[2], s[3], "").size(), "nothing stored");
  }

  @Test
  void launcherRefusesMissingSecretsBeforeStartingJava() throws Exception {
    try (ReceiverProcess receiver =
        ReceiverProcess.launcher(List.of("--hmac-key=" + KEY), Map.of(), log("launcher"))) {
      assertEquals(2, receiver.awaitExit());
      assertTrue(receiver.output().contains("receiver.read-token is not set"), receiver.output());
    }
    try (ReceiverProcess receiver =
        ReceiverProcess.launcher(
            List.of("--read-token=" + READ, "--hmac-key=" + READ), Map.of(), log("launcher"))) {
      assertEquals(2, receiver.awaitExit());
      String output = receiver.output();
      assertTrue(
          output.contains("receiver.read-token and receiver.hmac-key are the same value"), output);
      assertFalse(output.contains(READ), "the value itself is not printed");
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
