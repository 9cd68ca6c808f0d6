package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/** The SQL of the hot paths on a real SQLite file: query plans and group commit. */
class StorageOnSqliteTest {

  @TempDir Path dir;

  private Connection connect() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(10_000);
    Connection connection = config.createConnection("jdbc:sqlite:" + dir.resolve("runs.db"));
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA synchronous=FULL");
    }
    return connection;
  }

  private static Scope job(int i) {
    return Scope.of("org", "repo", "ci.yml", "job-" + i);
  }

  @Test
  void theGetAndTheIdempotencyLookupAreServedByTheirIndexes() throws Exception {
    try (Connection connection = connect()) {
      Schema.create(connection);
      try (PreparedStatement insert = connection.prepareStatement(RunWriter.INSERT)) {
        connection.setAutoCommit(false);
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
          insert.executeQuery().close();
        }
        connection.commit();
        connection.setAutoCommit(true);
      }
      try (Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE");
      }
      String get = plan(connection, RunStore.NEWEST, 6);
      assertTrue(get.contains("USING INDEX stored_run_scope_id"), get);
      assertTrue(get.contains("id<?"), "the before= bound is part of the index search: " + get);
      assertFalse(get.contains("TEMP B-TREE"), "newest first comes from the index order: " + get);
      assertFalse(get.contains("SCAN"), get);
      String replay = plan(connection, RunWriter.BY_KEY, 5);
      assertTrue(replay.contains("USING INDEX stored_run_idempotency"), replay);
    }
  }

  private static String plan(Connection connection, String sql, int parameters)
      throws SQLException {
    try (PreparedStatement explain = connection.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
      for (int i = 1; i <= parameters; i++) {
        explain.setString(i, "1");
      }
      StringBuilder plan = new StringBuilder();
      try (ResultSet rows = explain.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString("detail")).append('\n');
        }
      }
      return plan.toString();
    }
  }

  @Test
  void groupCommitStoresEveryPushOnceAndReplaysRepeatedKeys() throws Exception {
    try (Connection schema = connect()) {
      Schema.create(schema);
    }
    List<CompletableFuture<RunStore.Stored>> pushes = new ArrayList<>();
    try (RunWriter writer = new RunWriter(connect())) {
      for (int i = 0; i < 300; i++) {
        String key = i % 3 == 0 ? "same-" + (i % 30) : "key-" + i;
        pushes.add(writer.submit(job(i % 7), "run-" + i, key, "{\"i\":" + i + "}"));
      }
      pushes.add(writer.submit(job(1), "no-key", null, "{}"));
      CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).join();
    }
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
    // keys same-0 … same-29 repeat within their scope (i % 7 differs, so count per scope)
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM stored_run")) {
      rows.next();
      assertEquals(newIds.size(), rows.getInt(1), "every new push is one row");
    }
    assertEquals(pushes.size(), newIds.size() + replayed);
    assertTrue(replayed > 0, "repeated keys in one scope were replayed");
  }
}
