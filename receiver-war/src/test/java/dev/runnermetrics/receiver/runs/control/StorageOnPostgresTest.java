package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.it.Bodies;
import dev.runnermetrics.receiver.runs.entity.ContainerUsage;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import dev.runnermetrics.receiver.runs.entity.Run;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same storage on a real PostgreSQL (started by the build from Maven Central's binaries): the
 * migrations, group commit, container rows, the named queries, and two receivers sharing it.
 */
class StorageOnPostgresTest {

  private static EmbeddedPostgres postgres;

  private static String url;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
    url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  private static Database open() throws Exception {
    return Databases.open(url, Optional.of("postgres"), Optional.empty());
  }

  private static Scope job(String name) {
    return Scope.of("pg-org", "repo", "ci-" + System.nanoTime() + ".yml", name);
  }

  @Test
  void storesAndServesRunsWithTheirContainerRows() throws Exception {
    Database database = open();
    try {
      RunStore store = Databases.store(database);
      Scope scope = job("build");
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Run run =
            store
                .store(
                    new IncomingPush(scope, "run-" + i, Databases.summary(), Bodies.PAYLOAD),
                    "key-" + i)
                .run();
        ids.add(0, run.getId());
      }
      assertEquals(ids.subList(0, 2), idsOf(store.newest(scope, Long.MAX_VALUE, 2)));
      assertEquals(ids.subList(2, 4), idsOf(store.newest(scope, ids.get(1), 2)));
      assertEquals(Bodies.PAYLOAD, store.find(ids.get(0)).orElseThrow().getPayload());
      List<ContainerUsage> rows = store.recentContainers(scope, 3);
      assertEquals(ids.subList(0, 3), rows.stream().map(r -> r.getRun().getId()).toList());
      assertEquals(2.004, rows.get(0).getCpuCoresP95());
      RunStore.Stored replay =
          store.store(
              new IncomingPush(scope, "run-0", Databases.summary(), Bodies.PAYLOAD), "key-0");
      assertTrue(replay.replayed());
      assertEquals(ids.get(3), replay.run().getId());
    } finally {
      database.close();
    }
  }

  @Test
  void aPasswordThatLooksLikeHexReachesTheDatabaseAsItIs() throws Exception {
    // EclipseLink took such a password (openssl rand -hex 16) for its own ciphertext and failed
    // to start ("encrypted by deprecated algorithm"). The embedded server trusts any password, so
    // this proves the password is passed through, not that PostgreSQL checked it.
    Database database =
        Databases.open(
            url, Optional.of("postgres"), Optional.of("0123456789abcdef0123456789abcdef"));
    try {
      RunStore store = Databases.store(database);
      Scope scope = job("hex-password");
      Run run =
          store
              .store(new IncomingPush(scope, "run-1", Databases.summary(), Bodies.PAYLOAD), "k-1")
              .run();
      assertEquals(Bodies.PAYLOAD, store.find(run.getId()).orElseThrow().getPayload());
    } finally {
      database.close();
    }
  }

  @Test
  void groupCommitStoresEveryPushOnce() throws Exception {
    Database database = open();
    try {
      Scope scope = job("batch");
      List<CompletableFuture<RunStore.Stored>> pushes = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        String key = i % 4 == 0 ? "same-" + (i % 20) : "key-" + i;
        pushes.add(database.writer().submit(scope, "run-" + i, key, Databases.summary(), "{}"));
      }
      Set<Long> ids = new HashSet<>();
      int replayed = 0;
      for (CompletableFuture<RunStore.Stored> push : pushes) {
        RunStore.Stored stored = push.join();
        if (stored.replayed()) {
          replayed++;
        } else {
          assertTrue(ids.add(stored.run().getId()));
        }
      }
      assertEquals(200, ids.size() + replayed);
      assertEquals(
          155, ids.size(), "150 keys used once, 5 keys (same-0, -4, -8, -12, -16) many times");
      assertEquals(
          ids.size(), Databases.store(database).newest(scope, Long.MAX_VALUE, 1000).size());
    } finally {
      database.close();
    }
  }

  /**
   * The writer takes ids 50 at a time from the identity columns' sequences (so it can batch its
   * inserts); another receiver and a plain INSERT with the column default draw from the same
   * sequences, so no id is ever handed out twice, across blocks too.
   */
  @Test
  void idsInBlocksNeverMeetAnotherReceiversOrAPlainInsertsIds() throws Exception {
    Database first = open();
    Database second = open();
    try (Connection sql = DriverManager.getConnection(url, "postgres", "")) {
      Scope scope = job("blocks");
      Set<Long> ids = new HashSet<>();
      for (int round = 0; round < 3; round++) {
        List<CompletableFuture<RunStore.Stored>> pushes = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
          Database receiver = i % 2 == 0 ? first : second;
          pushes.add(
              receiver
                  .writer()
                  .submit(scope, "run-" + round + "-" + i, null, Databases.summary(), "{}"));
        }
        try (Statement insert = sql.createStatement()) {
          insert.executeUpdate(
              "INSERT INTO stored_run (organization, repository, workflow, job, run_id,"
                  + " received_at, payload) VALUES ('"
                  + scope.organization()
                  + "', '"
                  + scope.repository()
                  + "', '"
                  + scope.workflow()
                  + "', '"
                  + scope.job()
                  + "', 'plain-"
                  + round
                  + "', 0, '{}')",
              Statement.RETURN_GENERATED_KEYS);
          try (ResultSet key = insert.getGeneratedKeys()) {
            assertTrue(key.next());
            assertTrue(ids.add(key.getLong(1)), "a plain insert's id is its own");
          }
        }
        for (CompletableFuture<RunStore.Stored> push : pushes) {
          assertTrue(ids.add(push.join().run().getId()), "every stored run has its own id");
        }
      }
      assertEquals(213, ids.size());
      assertEquals(
          ids,
          new HashSet<>(idsOf(Databases.store(first).newest(scope, Long.MAX_VALUE, 1000))),
          "every run is stored once and served in its scope");
      try (Statement query = sql.createStatement();
          ResultSet steps =
              query.executeQuery(
                  "SELECT sequencename, increment_by FROM pg_sequences WHERE sequencename IN"
                      + " ('stored_run_id_seq', 'container_usage_id_seq') ORDER BY 1")) {
        assertTrue(steps.next());
        assertEquals(50, steps.getLong(2), steps.getString(1));
        assertTrue(steps.next());
        assertEquals(50, steps.getLong(2), steps.getString(1));
      }
    } finally {
      first.close();
      second.close();
    }
  }

  /**
   * "Newest" is id order, also across receivers: a receiver keeps no ids between batches, so its
   * next run is newer than everything another receiver stored meanwhile, however quiet it was.
   */
  @Test
  void aQuietReceiversNextRunIsNewerThanWhatAnotherStoredMeanwhile() throws Exception {
    Database quiet = open();
    Database busy = open();
    try {
      Scope scope = job("newest");
      long first = storedId(quiet, scope, "quiet-1");
      long busiest = 0;
      for (int i = 0; i < 60; i++) {
        long id = storedId(busy, scope, "busy-" + i);
        assertTrue(id > first, "a later run has a higher id");
        busiest = Math.max(busiest, id);
      }
      long next = storedId(quiet, scope, "quiet-2");
      assertTrue(next > busiest, next + " is newer than " + busiest);
      assertEquals(
          next,
          idsOf(Databases.store(busy).newest(scope, Long.MAX_VALUE, 1)).get(0),
          "the newest run is the quiet receiver's last");
    } finally {
      quiet.close();
      busy.close();
    }
  }

  /** Stores one run through {@code receiver}'s writer and answers its id. */
  private static long storedId(Database receiver, Scope scope, String runId) {
    return receiver
        .writer()
        .submit(scope, runId, null, Databases.summary(), "{}")
        .join()
        .run()
        .getId();
  }

  @Test
  void twoReceiversTakingTheSameKeyAtTheSameMomentStoreOneRunAndBothNameIt() throws Exception {
    Database first = open();
    Database second = open();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int round = 0; round < 20; round++) {
        Scope scope = job("idem");
        String key = "key-" + round;
        CyclicBarrier together = new CyclicBarrier(2);
        List<Future<RunStore.Stored>> answers = new ArrayList<>();
        for (Database database : List.of(first, second)) {
          RunStore store = Databases.store(database);
          answers.add(
              pool.submit(
                  () -> {
                    together.await();
                    return store.store(
                        new IncomingPush(scope, "run", Databases.summary(), Bodies.PAYLOAD), key);
                  }));
        }
        long a = answers.get(0).get().run().getId();
        long b = answers.get(1).get().run().getId();
        assertEquals(a, b, "both answers name the one run");
        assertEquals(1, Databases.store(first).newest(scope, Long.MAX_VALUE, 10).size());
        assertEquals(1, Databases.store(first).recentContainers(scope, 10).size());
      }
    } finally {
      pool.shutdownNow();
      first.close();
      second.close();
    }
  }

  private static List<Long> idsOf(List<Run> runs) {
    return runs.stream().map(Run::getId).toList();
  }
}
