package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.receiver.it.Bodies;
import dev.runnermetrics.receiver.runs.entity.ContainerUsage;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import dev.runnermetrics.receiver.runs.entity.Run;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.persistence.jpa.JpaQuery;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.sessions.DatabaseRecord;
import org.eclipse.persistence.sessions.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage on a real SQLite file, through the receiver's own persistence unit: group commit,
 * container rows, the named queries and the indexes that serve them.
 */
class StorageOnSqliteTest {

  @TempDir Path dir;

  private Database database;

  private Database database() throws Exception {
    if (database == null) {
      database = Databases.sqlite(dir.resolve("runs.db"));
    }
    return database;
  }

  @AfterEach
  void close() {
    if (database != null) {
      database.close();
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("runs.db"));
  }

  private static Scope job(int i) {
    return Scope.of("org", "repo", "ci.yml", "job-" + i);
  }

  @Test
  void groupCommitStoresEveryPushOnceWithItsContainersAndReplaysRepeatedKeys() throws Exception {
    RunSummary summary = Databases.summary();
    List<CompletableFuture<RunStore.Stored>> pushes = new ArrayList<>();
    RunWriter writer = database().writer();
    for (int i = 0; i < 300; i++) {
      String key = i % 3 == 0 ? "same-" + (i % 30) : "key-" + i;
      pushes.add(writer.submit(job(i % 7), "run-" + i, key, summary, "{\"i\":" + i + "}"));
    }
    pushes.add(writer.submit(job(1), "no-key", null, summary, "{}"));
    CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).join();
    Set<Long> newIds = new HashSet<>();
    int replayed = 0;
    for (CompletableFuture<RunStore.Stored> push : pushes) {
      RunStore.Stored stored = push.join();
      if (stored.replayed()) {
        replayed++;
      } else {
        assertTrue(newIds.add(stored.run().getId()), "ids are unique");
      }
    }
    assertEquals(newIds.size(), count("SELECT count(*) FROM stored_run"), "one row per new push");
    assertEquals(
        newIds.size(), count("SELECT count(*) FROM container_usage"), "one row per container");
    assertEquals(pushes.size(), newIds.size() + replayed);
    assertTrue(replayed > 0, "repeated keys in one scope were replayed");
  }

  /**
   * An idempotency key counts within its scope only, also for scopes whose names read alike when
   * joined with spaces; a key stored by an earlier batch is replayed, in the middle of a batch too.
   */
  @Test
  void aKeyIsRepeatedOnlyWithinItsOwnScope() throws Exception {
    RunSummary summary = Databases.summary();
    RunWriter writer = database().writer();
    Scope spaced = Scope.of("org", "repo", "x y", "z");
    Scope alike = Scope.of("org", "repo", "x", "y z");
    long earlier = writer.submit(alike, "earlier", "k-0", summary, "{}").join().run().getId();
    List<CompletableFuture<RunStore.Stored>> batch =
        List.of(
            writer.submit(spaced, "one", "k-1", summary, "{}"),
            writer.submit(alike, "two", "k-1", summary, "{}"),
            writer.submit(spaced, "three", "k-0", summary, "{}"),
            writer.submit(alike, "four", "k-0", summary, "{}"),
            writer.submit(spaced, "five", "k-1", summary, "{}"));
    List<RunStore.Stored> stored = batch.stream().map(CompletableFuture::join).toList();
    assertEquals(
        List.of(false, false, false, true, true),
        stored.stream().map(RunStore.Stored::replayed).toList(),
        "replayed: only a key already stored in the same scope");
    assertEquals(earlier, stored.get(3).run().getId(), "the earlier batch's run");
    assertEquals(stored.get(0).run().getId(), stored.get(4).run().getId(), "the same batch's run");
    assertEquals(4, count("SELECT count(*) FROM stored_run"));
  }

  @Test
  void storesTheContainerFiguresAsColumns() throws Exception {
    RunStore store = Databases.store(database());
    Scope scope = job(1);
    String payload =
        Bodies.payloadWith(
            "\"memory_limit_bytes\":1073741824",
            "\"memory_limit_bytes\":1073741824,\"memory_limit_source\":\"cgroup\","
                + "\"cgroup_memory_peak_bytes\":25165824,\"oom_kills\":2,"
                + "\"cpu_periods\":100,\"cpu_throttled_periods\":25,"
                + "\"cpu_throttled_seconds\":1.25,\"cpu_throttled_ratio\":0.25,"
                + "\"pressure\":{\"memory\":{\"some_seconds\":0.5,\"full_seconds\":0.25}}");
    Run run =
        store.store(new IncomingPush(scope, "r1", Databases.summary(payload), payload), null).run();
    List<ContainerUsage> rows = store.recentContainers(scope, 20);
    assertEquals(1, rows.size());
    ContainerUsage row = rows.get(0);
    assertEquals(run.getId(), row.getRun().getId());
    assertEquals("runner", row.getName());
    assertEquals(2.004, row.getCpuCoresP95());
    assertEquals(2.007, row.getCpuCoresPeak());
    assertEquals(18567168.0, row.getMemoryBytesPeak());
    assertEquals(2.0, row.getCpuLimitCores());
    assertEquals(1073741824L, row.getMemoryLimitBytes());
    assertEquals("cgroup", row.getMemoryLimitSource());
    assertEquals(25165824L, row.getCgroupMemoryPeakBytes());
    assertEquals(2L, row.getOomKills());
    assertEquals(25L, row.getCpuThrottledPeriods());
    assertEquals(0.25, row.getCpuThrottledRatio());
    assertEquals(0.5, row.getMemoryPressureSomeSeconds());
    assertEquals(null, row.getCpuPressureSomeSeconds());
    assertEquals(null, row.getCpuSource());
    assertEquals(payload, store.find(run.getId()).orElseThrow().getPayload());
  }

  @Test
  void recentContainersAreTheLastRunsOfOneJobNewestFirst() throws Exception {
    RunStore store = Databases.store(database());
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      for (int j = 0; j < 2; j++) {
        Run run =
            store
                .store(
                    new IncomingPush(job(j), "run-" + i, Databases.summary(), Bodies.PAYLOAD), null)
                .run();
        if (j == 0) {
          ids.add(0, run.getId());
        }
      }
    }
    List<ContainerUsage> rows = store.recentContainers(job(0), 3);
    assertEquals(ids.subList(0, 3), rows.stream().map(r -> r.getRun().getId()).toList());
    assertEquals("run-4", rows.get(0).getRun().getRunId());
    assertEquals(List.of(), store.recentContainers(job(9), 3));
  }

  @Test
  void newestPagesByIdBelowTheKey() throws Exception {
    RunStore store = Databases.store(database());
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(
          0,
          store
              .store(new IncomingPush(job(0), "r" + i, Databases.summary(), "{}"), null)
              .run()
              .getId());
    }
    assertEquals(ids.subList(0, 2), idsOf(store.newest(job(0), Long.MAX_VALUE, 2)));
    assertEquals(ids.subList(2, 4), idsOf(store.newest(job(0), ids.get(1), 2)));
    assertEquals(List.of(), store.newest(job(1), Long.MAX_VALUE, 2));
  }

  private static List<Long> idsOf(List<Run> runs) {
    return runs.stream().map(Run::getId).toList();
  }

  @Test
  void theNamedQueriesAreServedByTheirIndexes() throws Exception {
    database();
    try (Connection connection = connect()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO stored_run (organization, repository, workflow, job, run_id,"
                  + " received_at, idempotency_key, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (int i = 0; i < 5000; i++) {
          Scope scope = job(i % 50);
          insert.setString(1, scope.organization());
          insert.setString(2, scope.repository());
          insert.setString(3, scope.workflow());
          insert.setString(4, scope.job());
          insert.setString(5, "run-" + i);
          insert.setLong(6, i);
          insert.setString(7, "key-" + i);
          insert.setString(8, "{\"n\":" + i + "}");
          insert.executeUpdate();
        }
      }
      connection.commit();
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE");
      }
      String get = plan(connection, sql(Run.NEWEST_IN_SCOPE));
      assertTrue(get.contains("USING INDEX stored_run_scope_id"), get);
      assertTrue(get.contains("ID<?") || get.contains("id<?"), "before= is in the search: " + get);
      assertFalse(get.contains("TEMP B-TREE"), "newest first comes from the index order: " + get);
      assertFalse(get.contains("SCAN"), get);
      String replay = plan(connection, sql(Run.BY_IDEMPOTENCY_KEY));
      assertTrue(replay.contains("USING INDEX stored_run_idempotency"), replay);
      String batch = plan(connection, jpqlSql(RunWriter.storedUnderKeys(4)));
      assertTrue(batch.contains("USING INDEX stored_run_idempotency"), batch);
      assertFalse(batch.contains("SCAN"), "each key is an index search: " + batch);
      String containers =
          plan(
              connection,
              sql(ContainerUsage.OF_RUNS)
                  .replace("IN ?", "IN (?, ?)")
                  .replace("IN (?)", "IN (?, ?)"));
      assertTrue(containers.contains("container_usage_run"), containers);
    }
  }

  /** The SQL EclipseLink runs for a named query. */
  private String sql(String namedQuery) throws Exception {
    return sqlOf(em -> em.createNamedQuery(namedQuery));
  }

  /** The SQL EclipseLink runs for a JPQL text. */
  private String jpqlSql(String jpql) throws Exception {
    return sqlOf(em -> em.createQuery(jpql));
  }

  private String sqlOf(Function<EntityManager, Query> create) throws Exception {
    EntityManager em = database().entityManager();
    try {
      DatabaseQuery prepared = create.apply(em).unwrap(JpaQuery.class).getDatabaseQuery();
      prepared.prepareCall(em.unwrap(Session.class), new DatabaseRecord());
      return prepared.getSQLString();
    } finally {
      em.close();
    }
  }

  private static String plan(Connection connection, String sql) throws SQLException {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      for (int i = 1; i <= explain.getParameterMetaData().getParameterCount(); i++) {
        explain.setString(i, "1");
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString("detail")).append('\n');
        }
      }
      return sql + "\n" + plan;
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
