package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.receiver.retention.control.RetentionPurge;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.bind.Jsonb;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The job summary stays exactly what an aggregate over the stored rows says, on a real SQLite file
 * and a real PostgreSQL (embedded): after generated pushes that two receivers' writers on the same
 * database group into overlapping batches (replays, runs without containers and figures older
 * collectors lack included), after retention deleted part of them batch by batch, after more
 * pushes, and after retention deleted everything.
 */
class JobSummariesTest {

  private static final Jsonb JSONB = ContractJson.create();
  private static final Instant START = Instant.parse("2026-12-01T00:00:00Z");

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

  /** Each reading one second after the one before, so retention can cut between any two runs. */
  private static final class SteppingClock extends Clock {
    private final AtomicLong millis = new AtomicLong(START.toEpochMilli());

    @Override
    public long millis() {
      return millis.getAndAdd(1000);
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(millis());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void theSummaryEqualsTheAggregateOfTheRowsAfterPushesAndPurges(String engine) throws Exception {
    boolean sqlite = engine.equals("sqlite");
    Database database = open(sqlite);
    // A second receiver on the same database, with its own pool and writer.
    Database other = open(sqlite);
    String org = "org-" + UUID.randomUUID();
    Random random = new Random(12);
    SteppingClock clock = new SteppingClock();
    RunWriter writer = new RunWriter(emf(database), clock);
    RunWriter otherWriter = new RunWriter(emf(other), clock);
    try {
      push(List.of(writer, otherWriter), org, random, 150);
      assertEquals(aggregate(database, org), summary(database, org));
      assertEquals(12, summary(database, org).size(), "every job had a run with containers");

      RetentionPurge purge = new RetentionPurge(database::entityManager, sqlite, 7, 0);
      long deleted = purge.purge(START.plusSeconds(70));
      Map<String, String> kept = summary(database, org);
      assertTrue(deleted > 0 && !kept.isEmpty(), "part of the runs: " + deleted + " deleted");
      assertEquals(aggregate(database, org), kept);

      push(List.of(writer), org, random, 60);
      assertEquals(aggregate(database, org), summary(database, org));

      purge.purge(START.plusSeconds(100_000));
      assertEquals(Map.of(), summary(database, org), "no runs left, no summary rows");
    } finally {
      writer.close();
      otherWriter.close();
      other.close();
      database.close();
    }
  }

  private Database open(boolean sqlite) throws Exception {
    return sqlite
        ? Databases.sqlite(dir.resolve("runs.db"))
        : Databases.open(
            "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres",
            Optional.of("postgres"),
            Optional.empty());
  }

  private static EntityManagerFactory emf(Database database) throws Exception {
    Field field = Database.class.getDeclaredField("emf");
    field.setAccessible(true);
    return (EntityManagerFactory) field.get(database);
  }

  /**
   * Submits {@code count} generated pushes to the writers in turn without waiting in between, so
   * each writer takes several per transaction and the writers' transactions overlap on the same
   * jobs, then waits for all of them.
   */
  private static void push(List<RunWriter> writers, String org, Random random, int count)
      throws Exception {
    List<CompletableFuture<?>> pushes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int job = random.nextInt(12);
      Scope scope = Scope.of(org, "repo-" + job % 3, "ci.yml", "job-" + job);
      // One push in ten repeats an earlier key of its job: a replay adds nothing.
      String key = random.nextInt(10) == 0 ? "key-" + job : "key-" + UUID.randomUUID();
      String payload = payload(random);
      pushes.add(
          writers
              .get(i % writers.size())
              .submit(scope, "run-" + i, key, JSONB.fromJson(payload, RunSummary.class), payload));
    }
    for (CompletableFuture<?> p : pushes) {
      p.get(60, TimeUnit.SECONDS);
    }
  }

  /** A run with 0 to 3 containers whose figures are random, some absent or 0. */
  private static String payload(Random random) {
    List<String> containers = new ArrayList<>();
    int count = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(3);
    for (int c = 0; c < count; c++) {
      double avg = random.nextInt(6) == 0 ? 0 : 0.1 + random.nextDouble() * 2;
      StringBuilder json =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "{\"name\":\"c%d\",\"cpu_cores\":{\"peak\":%s,\"avg\":%s,\"p50\":%s,\"p75\":%s,"
                      + "\"p95\":%s,\"p99\":%s},\"memory_bytes\":{\"peak\":%d,\"avg\":%d,"
                      + "\"p50\":1,\"p75\":1,\"p95\":1,\"p99\":1}",
                  c,
                  avg * 2,
                  avg,
                  avg,
                  avg,
                  avg,
                  avg * 2,
                  600_000_000L,
                  100_000_000L + random.nextInt(400_000_000)));
      if (random.nextInt(5) != 0) {
        json.append(String.format(Locale.ROOT, ",\"cpu_seconds\":%s", random.nextDouble() * 900));
      }
      if (random.nextInt(3) != 0) {
        json.append(
            String.format(
                Locale.ROOT,
                ",\"cpu_limit_cores\":%s,\"memory_limit_bytes\":%d",
                0.5 + random.nextInt(8) * 0.5,
                1_073_741_824L));
      }
      if (random.nextInt(4) != 0) {
        json.append(",\"oom_kills\":").append(random.nextInt(5) == 0 ? 1 + random.nextInt(3) : 0);
      }
      if (random.nextInt(3) != 0) {
        double ratio = random.nextBoolean() ? 0 : random.nextDouble();
        json.append(String.format(Locale.ROOT, ",\"cpu_throttled_ratio\":%s", ratio));
      }
      containers.add(json.append('}').toString());
    }
    return "{\"start_time\":\"2026-02-06T14:30:00.000Z\",\"end_time\":\"2026-02-06T14:40:00.000Z\","
        + "\"duration_seconds\":600,\"sample_count\":300,"
        + "\"cpu_total_percent\":{\"peak\":50,\"avg\":20,\"p50\":20,\"p75\":20,\"p95\":40,\"p99\":50},"
        + "\"mem_used_bytes\":{\"peak\":1,\"avg\":1,\"p50\":1,\"p75\":1,\"p95\":1,\"p99\":1},"
        + "\"containers\":["
        + String.join(",", containers)
        + "],\"top_cpu_processes\":[],\"top_mem_processes\":[]}";
  }

  /** The table's rows of {@code org}, by job. */
  private static Map<String, String> summary(Database database, String org) throws Exception {
    return rows(
        database,
        "SELECT organization, repository, workflow, job, run_count, last_run_id, last_run_at,"
            + " cpu_waste_core_seconds, cpu_waste_rows, memory_waste_byte_seconds,"
            + " memory_waste_rows, oom_kills, oom_rows, throttled_rows, max_throttled_ratio"
            + " FROM job_summary",
        org);
  }

  /** The same figures recomputed from the stored runs and container rows. */
  private static Map<String, String> aggregate(Database database, String org) throws Exception {
    return rows(database, JobSummaries.aggregateOfAll(), org);
  }

  /**
   * Rows as text, sums rounded to 6 significant digits: a sum kept run by run and one computed at
   * once add the same numbers in a different order.
   */
  private static Map<String, String> rows(Database database, String sql, String org)
      throws Exception {
    Map<String, String> rows = new TreeMap<>();
    EntityManager em = database.entityManager();
    try {
      em.getTransaction().begin();
      Connection connection = em.unwrap(Connection.class);
      try (Statement statement = connection.createStatement();
          ResultSet result = statement.executeQuery(sql)) {
        while (result.next()) {
          if (!result.getString(1).equals(org)) {
            continue;
          }
          StringBuilder row = new StringBuilder();
          for (int i = 5; i <= 15; i++) {
            Object value = result.getObject(i);
            row.append(' ')
                .append(
                    value instanceof Double || value instanceof Float
                        ? String.format(Locale.ROOT, "%.6g", ((Number) value).doubleValue())
                        : value == null ? "null" : ((Number) value).longValue());
          }
          rows.put(
              result.getString(2) + " " + result.getString(3) + " " + result.getString(4),
              row.toString());
        }
      }
      em.getTransaction().commit();
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
    return rows;
  }
}
