package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.it.Bodies;
import dev.runnermetrics.receiver.runs.entity.ContainerUsage;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import dev.runnermetrics.receiver.runs.entity.Run;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
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
