package dev.runnermetrics.receiver.retention.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.receiver.it.Bodies;
import dev.runnermetrics.receiver.runs.control.Database;
import dev.runnermetrics.receiver.runs.control.DatabaseTarget;
import dev.runnermetrics.receiver.runs.control.Migrations;
import dev.runnermetrics.receiver.runs.control.RunWriter;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled purge as the server runs it: {@link RetentionSchedule#start()} hands its task to
 * the managed scheduled executor (a recording stand-in here), and running that task once deletes
 * the old runs of a real SQLite database and nothing younger.
 */
class RetentionScheduleTest {

  private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

  @TempDir Path dir;

  /** What the schedule asked the executor for. */
  private record Scheduled(Runnable task, long initialDelay, long delay, TimeUnit unit) {}

  private final List<Scheduled> scheduled = new ArrayList<>();

  private ManagedScheduledExecutorService recordingExecutor() {
    return (ManagedScheduledExecutorService)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {ManagedScheduledExecutorService.class},
            (proxy, method, args) -> {
              if (method.getName().equals("scheduleWithFixedDelay")) {
                scheduled.add(
                    new Scheduled(
                        (Runnable) args[0], (long) args[1], (long) args[2], (TimeUnit) args[3]));
                return null;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }

  private void store(Path file, int count, String job, Duration age) throws Exception {
    DatabaseTarget target =
        DatabaseTarget.of(file.toString(), Optional.empty(), Optional.empty(), Optional.empty());
    Migrations.migrate(target);
    EntityManagerFactory emf =
        Persistence.createEntityManagerFactory(
            "receiver",
            Map.of(
                "eclipselink.persistencexml",
                "META-INF/receiver-persistence.xml",
                "jakarta.persistence.jdbc.url",
                target.url()));
    RunSummary summary = ContractJson.create().fromJson(Bodies.PAYLOAD, RunSummary.class);
    RunWriter writer = new RunWriter(emf, Clock.fixed(NOW.minus(age), ZoneOffset.UTC));
    try {
      List<CompletableFuture<?>> pushes = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        pushes.add(writer.submit(Scope.of("o", "r", "w", job), "run-" + i, null, summary, "{}"));
      }
      CompletableFuture.allOf(pushes.toArray(CompletableFuture[]::new)).join();
    } finally {
      writer.close();
      emf.close();
    }
  }

  /** The receiver's database, configured as MicroProfile Config would (its fields are injected). */
  private static Database database(Path file) throws Exception {
    Database database = new Database();
    set(database, "db", file.toString());
    set(database, "user", Optional.empty());
    set(database, "password", Optional.empty());
    set(database, "passwordFile", Optional.empty());
    set(database, "synchronous", "FULL");
    set(database, "busyTimeoutMillis", 10_000);
    database.open();
    return database;
  }

  private static void set(Object target, String name, Object value) throws Exception {
    Field field = target.getClass().getDeclaredField(name);
    field.setAccessible(true);
    field.set(target, value);
  }

  private static long count(Path file, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void theScheduledTaskDeletesOldRunsAndKeepsYoungerOnes() throws Exception {
    Path file = dir.resolve("runs.db");
    store(file, 12, "old", Duration.ofDays(91));
    store(file, 5, "young", Duration.ofDays(89));
    Database database = database(file);
    try {
      RetentionSchedule schedule = new RetentionSchedule();
      schedule.setting = Optional.of("90d");
      schedule.database = database;
      schedule.executor = recordingExecutor();
      schedule.clock = Clock.fixed(NOW, ZoneOffset.UTC);

      schedule.start();

      assertEquals(1, scheduled.size(), "one periodic task");
      Scheduled task = scheduled.get(0);
      assertEquals(RetentionSchedule.PERIOD, Duration.of(task.delay(), task.unit().toChronoUnit()));
      assertEquals(2, count(file, "PRAGMA auto_vacuum"), "start-up made the file incremental");
      task.task().run();
      assertEquals(0, count(file, "SELECT COUNT(*) FROM stored_run WHERE job = 'old'"));
      assertEquals(5, count(file, "SELECT COUNT(*) FROM stored_run WHERE job = 'young'"));
      assertTrue(count(file, "SELECT COUNT(*) FROM container_usage") > 0);
      schedule.start();
      assertEquals(1, scheduled.size(), "started once");
    } finally {
      Method close = Database.class.getDeclaredMethod("close");
      close.setAccessible(true);
      close.invoke(database);
    }
  }

  @Test
  void nothingIsScheduledWhenEveryRunIsKept() {
    RetentionSchedule schedule = new RetentionSchedule();
    schedule.setting = Optional.empty();
    schedule.executor = recordingExecutor();
    schedule.start();
    assertEquals(List.of(), scheduled);
  }
}
