package dev.runnermetrics.receiver.retention.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.receiver.it.Bodies;
import dev.runnermetrics.receiver.runs.control.DatabaseTarget;
import dev.runnermetrics.receiver.runs.control.Migrations;
import dev.runnermetrics.receiver.runs.control.RunWriter;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on a real SQLite file migrated by the receiver's migrations: what is kept, what not.
 */
class RetentionPurgeTest {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  @TempDir Path dir;

  private Path file;
  private EntityManagerFactory emf;

  @BeforeEach
  void open() throws Exception {
    file = dir.resolve("runs.db");
    DatabaseTarget target =
        DatabaseTarget.of(file.toString(), Optional.empty(), Optional.empty(), Optional.empty());
    Migrations.migrate(target);
    emf =
        Persistence.createEntityManagerFactory(
            "receiver",
            Map.of(
                "eclipselink.persistencexml", "META-INF/receiver-persistence.xml",
                "jakarta.persistence.jdbc.url", target.url(),
                "eclipselink.jdbc.property.busy_timeout", "10000"));
  }

  @AfterEach
  void close() {
    emf.close();
  }

  /** Stores {@code count} runs of one job, each received {@code age} before {@link #NOW}. */
  private void store(String job, int count, Duration age) {
    RunSummary summary = ContractJson.create().fromJson(Bodies.PAYLOAD, RunSummary.class);
    RunWriter writer = new RunWriter(emf, Clock.fixed(NOW.minus(age), ZoneOffset.UTC));
    try {
      List<CompletableFuture<?>> pushes = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        pushes.add(
            writer.submit(
                Scope.of("org", "repo", "ci.yml", job), job + "-" + i, null, summary, "{}"));
      }
      CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).join();
    } finally {
      writer.close();
    }
  }

  private long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private RetentionPurge purge(int batch) {
    return new RetentionPurge(emf::createEntityManager, true, batch, 0);
  }

  @Test
  void deletesOnlyRunsOlderThanTheRetentionWithTheirContainers() throws Exception {
    store("old", 25, Duration.ofDays(100));
    store("edge", 3, Duration.ofDays(90).minusSeconds(1));
    store("young", 4, Duration.ofDays(1));
    long containersPerRun = count("SELECT COUNT(*) FROM container_usage") / 32;
    assertTrue(containersPerRun > 0, "the payload has containers");

    RetentionPolicy policy = RetentionPolicy.parse(Optional.of("90d"));
    Instant cutoff = policy.cutoff(Clock.fixed(NOW, ZoneOffset.UTC)).orElseThrow();
    long deleted = purge(7).purge(cutoff);

    assertEquals(25, deleted);
    assertEquals(0, count("SELECT COUNT(*) FROM stored_run WHERE job = 'old'"));
    assertEquals(3, count("SELECT COUNT(*) FROM stored_run WHERE job = 'edge'"));
    assertEquals(4, count("SELECT COUNT(*) FROM stored_run WHERE job = 'young'"));
    assertEquals(7 * containersPerRun, count("SELECT COUNT(*) FROM container_usage"));
    assertEquals(
        0,
        count(
            "SELECT COUNT(*) FROM container_usage WHERE stored_run_id NOT IN"
                + " (SELECT id FROM stored_run)"));
    assertEquals(0, purge(7).purge(cutoff), "a second purge finds nothing");
  }

  @Test
  void givesTheFreedPagesBackToTheFileSystem() throws Exception {
    assertEquals(0, count("PRAGMA auto_vacuum"), "the migrations leave auto_vacuum NONE");
    store("old", 400, Duration.ofDays(400));
    assertTrue(SqliteVacuumMode.ensureIncremental("jdbc:sqlite:" + file, 10_000));
    assertEquals(2, count("PRAGMA auto_vacuum"));
    assertFalse(SqliteVacuumMode.ensureIncremental("jdbc:sqlite:" + file, 10_000), "only once");
    store("young", 10, Duration.ZERO);
    long before = Files.size(file);

    purge(RetentionPurge.DEFAULT_BATCH).purge(NOW.minus(Duration.ofDays(30)));

    assertEquals(0, count("PRAGMA freelist_count"));
    long after = Files.size(file);
    assertTrue(after < before / 2, "file shrank from " + before + " to " + after + " bytes");
    assertEquals(10, count("SELECT COUNT(*) FROM stored_run"));
  }

  @Test
  void unsetKeepsEverythingAndABadValueNamesTheSetting() {
    assertEquals(RetentionPolicy.FOREVER, RetentionPolicy.parse(Optional.empty()));
    assertEquals(RetentionPolicy.FOREVER, RetentionPolicy.parse(Optional.of(" ")));
    assertEquals(
        Optional.of(Duration.ofHours(12)), RetentionPolicy.parse(Optional.of("12h")).keep());
    for (String bad : List.of("90 days", "-1d", "0", "1y", "99999d")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> RetentionPolicy.parse(Optional.of(bad)));
      assertTrue(e.getMessage().startsWith("receiver.retention "), e.getMessage());
    }
  }
}
