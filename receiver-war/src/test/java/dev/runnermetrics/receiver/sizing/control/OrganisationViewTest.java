package dev.runnermetrics.receiver.sizing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.receiver.runs.control.Database;
import dev.runnermetrics.receiver.runs.control.RunStore;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import dev.runnermetrics.receiver.sizing.entity.JobSummary;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The organisation view's JPQL and the job's history on both engines the receiver supports: a real
 * SQLite file and a real PostgreSQL (embedded), migrated by the receiver's own Flyway scripts. The
 * stored-runs component offers no public seam to open its database outside the server, so its
 * injected settings are set here by reflection.
 */
class OrganisationViewTest {

  private static final Jsonb JSONB = ContractJson.create();
  private static final long MIB = 1024L * 1024;

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

  private Database open(String engine) throws Exception {
    Database database = new Database();
    if (engine.equals("sqlite")) {
      set(database, "db", dir.resolve("runs.db").toString());
      set(database, "user", Optional.empty());
    } else {
      set(database, "db", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres");
      set(database, "user", Optional.of("postgres"));
    }
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

  /** A 600 s run whose {@code build} container used 0.5 cores of {@code cpuLimit}. */
  static String payload(Double cpuLimit, long oomKills) {
    String limits =
        cpuLimit == null
            ? ""
            : String.format(
                Locale.ROOT,
                ",\"cpu_limit_cores\":%s,\"memory_limit_bytes\":%d",
                cpuLimit,
                2048 * MIB);
    return "{\"start_time\":\"2026-02-06T14:30:00.000Z\",\"end_time\":\"2026-02-06T14:40:00.000Z\","
        + "\"duration_seconds\":600,\"sample_count\":300,"
        + "\"cpu_total_percent\":{\"peak\":50,\"avg\":20,\"p50\":20,\"p75\":20,\"p95\":40,\"p99\":50},"
        + "\"mem_used_bytes\":{\"peak\":1,\"avg\":1,\"p50\":1,\"p75\":1,\"p95\":1,\"p99\":1},"
        + "\"containers\":[{\"name\":\"build\","
        + "\"cpu_cores\":{\"peak\":1.2,\"avg\":0.5,\"p50\":0.5,\"p75\":0.5,\"p95\":1,\"p99\":1.2},"
        + "\"memory_bytes\":{\"peak\":536870912,\"avg\":268435456,\"p50\":1,\"p75\":1,"
        + "\"p95\":1,\"p99\":1},\"cpu_seconds\":300,\"cpu_source\":\"cgroup\",\"oom_kills\":"
        + oomKills
        + limits
        + "}],\"top_cpu_processes\":[],\"top_mem_processes\":[]}";
  }

  private static void push(RunStore store, Scope scope, String runId, String payload) {
    store.store(
        new IncomingPush(scope, runId, JSONB.fromJson(payload, RunSummary.class), payload), null);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void sumsWasteOrdersAndPagesInSqlAsTheMethodDoes(String engine) throws Exception {
    Database database = open(engine);
    try {
      RunStore store = new RunStore();
      set(store, "database", database);
      String org = "org-" + UUID.randomUUID();
      Scope wasteful = Scope.of(org, "app", "ci.yml", "a");
      Scope tight = Scope.of(org, "app", "ci.yml", "b");
      Scope unlimited = Scope.of(org, "lib", "ci.yml", "c");
      Scope killed = Scope.of(org, "lib", "ci.yml", "d");
      for (int i = 0; i < 3; i++) {
        push(store, wasteful, "r" + i, payload(4.0, 0));
        push(store, tight, "r" + i, payload(1.0, 0));
        push(store, unlimited, "r" + i, payload(null, 0));
      }
      push(store, killed, "r0", payload(3.0, 3));
      push(store, Scope.of("other-" + org, "app", "ci.yml", "a"), "r0", payload(64.0, 0));

      OrganisationView view = new OrganisationView();
      view.database = database;
      List<JobSummary> jobs = view.jobs(org, OrganisationQuery.fromQuery(null, null, null));
      assertEquals(List.of("a", "d", "b", "c"), jobs.stream().map(JobSummary::job).toList());
      JobSummary a = jobs.get(0);
      assertEquals(org + "/app", a.repository());
      assertEquals(3, a.runCount());
      // (4 - 0.5) cores × 600 s × 3 runs.
      assertEquals(3.5 * 1800 / 3600, a.wasteCoreHours(), 1e-6);
      // (2048 - 256) MiB × 600 s × 3 runs, in GiB-hours.
      assertEquals(1.75 * 1800 / 3600, a.wasteGibHours(), 1e-6);
      assertEquals("medium", a.confidence());
      JobHistory history = new JobHistory();
      history.store = store;
      assertEquals(
          SizingAdvisor.advise(history.recent(wasteful, 10), SizingParameters.DEFAULTS)
              .wasteCoreHours(),
          a.wasteCoreHours(),
          1e-6);
      JobSummary d = jobs.get(1);
      assertEquals(3, d.oomKills());
      assertEquals(0, d.cleanRuns());
      assertEquals("none", d.confidence());
      assertNull(jobs.get(3).wasteCoreHours());

      assertEquals(
          List.of("d", "a", "b", "c"),
          view.jobs(org, OrganisationQuery.fromQuery("oom_kills", null, null)).stream()
              .map(JobSummary::job)
              .toList());
      assertEquals(
          List.of("b", "c"),
          view.jobs(org, OrganisationQuery.fromQuery("name", "2", "1")).stream()
              .map(JobSummary::job)
              .toList());
      assertEquals(List.of(), view.jobs(org, OrganisationQuery.fromQuery("name", "2", "4")));
    } finally {
      Method close = Database.class.getDeclaredMethod("close");
      close.setAccessible(true);
      close.invoke(database);
    }
  }
}
