package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.it.Bodies;
import dev.runnermetrics.receiver.runs.entity.ContainerUsage;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import dev.runnermetrics.receiver.runs.entity.Run;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * A database written by the release before versioned migrations opens under this one: every run is
 * served as it was, idempotency keys still replay, and container rows are filled in.
 */
class MigrationFromPreviousReleaseTest {

  /** The DDL of runs.control.Schema in the previous release, verbatim. */
  private static final List<String> PREVIOUS_DDL =
      List.of(
          "CREATE TABLE IF NOT EXISTS stored_run ("
              + " id INTEGER PRIMARY KEY AUTOINCREMENT,"
              + " organization TEXT NOT NULL,"
              + " repository TEXT NOT NULL,"
              + " workflow TEXT NOT NULL,"
              + " job TEXT NOT NULL,"
              + " run_id TEXT NOT NULL,"
              + " received_at INTEGER NOT NULL,"
              + " idempotency_key TEXT,"
              + " payload TEXT NOT NULL)",
          "CREATE INDEX IF NOT EXISTS stored_run_scope_id"
              + " ON stored_run (organization, repository, workflow, job, id)",
          "CREATE UNIQUE INDEX IF NOT EXISTS stored_run_idempotency"
              + " ON stored_run (organization, repository, workflow, job, idempotency_key)"
              + " WHERE idempotency_key IS NOT NULL");

  /** The previous release's insert (RunWriter.INSERT). */
  private static final String PREVIOUS_INSERT =
      "INSERT INTO stored_run (organization, repository, workflow, job, run_id, received_at,"
          + " idempotency_key, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

  @TempDir Path dir;

  private record Old(
      long id, Scope scope, String runId, long receivedAt, String key, String payload) {}

  @Test
  void aPreviousReleasesDatabaseIsMigratedAndServedUnchanged() throws Exception {
    Path file = dir.resolve("metrics.db");
    Scope build = Scope.of("my-org", "my-repo", "ci.yml", "build");
    Scope test = Scope.of("my-org", "my-repo", "ci.yml", "test");
    // What the previous release accepted: its quick path let a fraction through here.
    String lenient =
        Bodies.payloadWith(
            "\"memory_limit_bytes\":1073741824",
            "\"memory_limit_bytes\":1073741824,\"cgroup_memory_peak_bytes\":1.5");
    String twoContainers =
        Bodies.PAYLOAD.replace(
            "\"containers\":[{\"name\":\"runner\",",
            "\"containers\":[{\"name\":\"docker\",\"cpu_cores\":{\"peak\":1,\"avg\":1,\"p50\":1,"
                + "\"p75\":1,\"p95\":1,\"p99\":1},\"memory_bytes\":{\"peak\":5,\"avg\":5,\"p50\":5,"
                + "\"p75\":5,\"p95\":5,\"p99\":5}},{\"name\":\"runner\",");
    List<Old> old = new ArrayList<>();
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    try (Connection connection = config.createConnection("jdbc:sqlite:" + file)) {
      try (Statement statement = connection.createStatement()) {
        for (String ddl : PREVIOUS_DDL) {
          statement.execute(ddl);
        }
      }
      old.add(insert(connection, build, "run-1", 1_770_388_223_000L, "key-1", Bodies.PAYLOAD));
      old.add(insert(connection, build, "run-2", 1_770_388_224_001L, null, twoContainers));
      old.add(insert(connection, test, "run-3", 1_770_388_225_002L, null, lenient));
    }

    long lastId;
    Instant lastAt;
    Database database = Databases.sqlite(file);
    try {
      RunStore store = Databases.store(database);
      for (Old run : old) {
        Run served = store.find(run.id()).orElseThrow();
        assertEquals(run.scope().repository(), served.getRepository());
        assertEquals(run.runId(), served.getRunId());
        assertEquals(Instant.ofEpochMilli(run.receivedAt()), served.getReceivedAt());
        assertEquals(run.payload(), served.getPayload(), "the payload byte for byte");
      }
      assertEquals(
          List.of(old.get(1).id(), old.get(0).id()),
          store.newest(build, Long.MAX_VALUE, 10).stream().map(Run::getId).toList());

      List<ContainerUsage> rows = store.recentContainers(build, 10);
      assertEquals(
          List.of("docker", "runner", "runner"),
          rows.stream().map(ContainerUsage::getName).toList());
      assertEquals(old.get(1).id(), rows.get(0).getRun().getId());
      assertEquals(2.004, rows.get(2).getCpuCoresP95());
      assertEquals(1073741824L, rows.get(2).getMemoryLimitBytes());
      assertEquals(List.of(), store.recentContainers(test, 10), "an unreadable payload: no rows");

      RunStore.Stored replay =
          store.store(
              new IncomingPush(build, "run-1", Databases.summary(), Bodies.PAYLOAD), "key-1");
      assertTrue(replay.replayed());
      assertEquals(old.get(0).id(), replay.run().getId());
      Run next =
          store
              .store(new IncomingPush(build, "run-4", Databases.summary(), Bodies.PAYLOAD), null)
              .run();
      assertTrue(next.getId() > old.get(2).id(), "ids keep growing");
      assertEquals(4, store.recentContainers(build, 10).size());
      lastId = next.getId();
      lastAt = next.getReceivedAt();
    } finally {
      database.close();
    }

    Database again = Databases.sqlite(file);
    again.close();
    try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY"
                    + " installed_rank")) {
      List<String> versions = new ArrayList<>();
      while (rows.next()) {
        versions.add(rows.getString(1));
      }
      assertEquals(List.of("1", "2", "3", "4", "5"), versions, "baselined once, migrated once");
    }
    try (Connection connection = config.createConnection("jdbc:sqlite:" + file);
        Statement statement = connection.createStatement();
        ResultSet jobs =
            statement.executeQuery(
                "SELECT organization, repository, workflow, job, run_count, last_run_id,"
                    + " last_run_at FROM job_summary ORDER BY job")) {
      List<String> summaries = new ArrayList<>();
      while (jobs.next()) {
        summaries.add(
            jobs.getString(1)
                + " "
                + jobs.getString(2)
                + " "
                + jobs.getString(3)
                + " "
                + jobs.getString(4)
                + " runs="
                + jobs.getLong(5)
                + " last="
                + jobs.getLong(6)
                + " at="
                + jobs.getLong(7));
      }
      // Filled by V5 from the two readable old runs (the third has no container rows), then the
      // writer added run-4 (the replay of key-1 added nothing).
      assertEquals(
          List.of(
              build.organization()
                  + " "
                  + build.repository()
                  + " ci.yml build runs=3 last="
                  + lastId
                  + " at="
                  + lastAt.toEpochMilli()),
          summaries);
    }
  }

  private static Old insert(
      Connection connection, Scope scope, String runId, long receivedAt, String key, String payload)
      throws Exception {
    try (PreparedStatement insert = connection.prepareStatement(PREVIOUS_INSERT)) {
      insert.setString(1, scope.organization());
      insert.setString(2, scope.repository());
      insert.setString(3, scope.workflow());
      insert.setString(4, scope.job());
      insert.setString(5, runId);
      insert.setLong(6, receivedAt);
      insert.setString(7, key);
      insert.setString(8, payload);
      try (ResultSet id = insert.executeQuery()) {
        id.next();
        return new Old(id.getLong(1), scope, runId, receivedAt, key, payload);
      }
    }
  }
}
