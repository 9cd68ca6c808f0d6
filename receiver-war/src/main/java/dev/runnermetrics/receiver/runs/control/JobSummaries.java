package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.receiver.runs.entity.Run;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Keeps {@code job_summary} (entity {@code JobTotals}) exactly consistent with the runs: the run
 * writer adds each batch's new runs inside the transaction that stores them, retention rebuilds the
 * jobs whose runs it deleted inside the transaction that deletes them.
 *
 * <p>Adding is one upsert per batch of the rows' aggregate per job (the one rule, written once, in
 * {@code AGGREGATE}), whose every figure is relative ({@code run_count = run_count + ?}, maxima by
 * comparison), so two receivers on one PostgreSQL cannot lose each other's updates: {@code INSERT …
 * ON CONFLICT DO UPDATE} takes each row's lock and re-reads the committed row. Every statement
 * takes jobs in the database's order of their key, so two writers (or a writer and retention) never
 * wait on each other in a cycle. SQLite has a single writer at a time anyway.
 *
 * <p>A row's contribution is the organisation view's rule (docs/sizing.md): a run counts when it
 * has container rows; waste is (limit − average) × CPU time ÷ average cores over the rows with a
 * limit, CPU time and average cores above 0; OOM kills and throttling as in the rows.
 */
public final class JobSummaries {

  /** The table's figures in insert order, after its key. */
  private static final String COLUMNS =
      "organization, repository, workflow, job, run_count, last_run_id, last_run_at,"
          + " cpu_waste_core_seconds, cpu_waste_rows, memory_waste_byte_seconds,"
          + " memory_waste_rows, oom_kills, oom_rows, throttled_rows, max_throttled_ratio";

  /**
   * How an upsert adds a batch's aggregate ({@code excluded}) to a job's row: every figure relative
   * to the committed row, maxima by comparison.
   */
  private static final String ADD_ON_CONFLICT =
      " ON CONFLICT (organization, repository, workflow, job) DO UPDATE SET"
          + " run_count = job_summary.run_count + excluded.run_count,"
          + " last_run_at = CASE WHEN excluded.last_run_id > job_summary.last_run_id"
          + " THEN excluded.last_run_at ELSE job_summary.last_run_at END,"
          + " last_run_id = CASE WHEN excluded.last_run_id > job_summary.last_run_id"
          + " THEN excluded.last_run_id ELSE job_summary.last_run_id END,"
          + " cpu_waste_core_seconds = job_summary.cpu_waste_core_seconds"
          + " + excluded.cpu_waste_core_seconds,"
          + " cpu_waste_rows = job_summary.cpu_waste_rows + excluded.cpu_waste_rows,"
          + " memory_waste_byte_seconds = job_summary.memory_waste_byte_seconds"
          + " + excluded.memory_waste_byte_seconds,"
          + " memory_waste_rows = job_summary.memory_waste_rows + excluded.memory_waste_rows,"
          + " oom_kills = job_summary.oom_kills + excluded.oom_kills,"
          + " oom_rows = job_summary.oom_rows + excluded.oom_rows,"
          + " throttled_rows = job_summary.throttled_rows + excluded.throttled_rows,"
          + " max_throttled_ratio = CASE WHEN job_summary.max_throttled_ratio IS NULL"
          + " OR excluded.max_throttled_ratio > job_summary.max_throttled_ratio"
          + " THEN excluded.max_throttled_ratio ELSE job_summary.max_throttled_ratio END";

  /** A row whose waste figures are known: the view's TIMED condition. */
  private static final String TIMED = "c.cpu_seconds IS NOT NULL AND c.cpu_cores_avg > 0";

  private static final String CPU_KNOWN = "c.cpu_limit_cores IS NOT NULL AND " + TIMED;

  private static final String MEMORY_KNOWN =
      "c.memory_limit_bytes IS NOT NULL AND c.memory_bytes_avg IS NOT NULL AND " + TIMED;

  /**
   * The summary of every job whose container rows match {@code %s} (a condition on {@code c}),
   * recomputed from those rows; the newest run's arrival is joined afterwards. The rows are summed
   * per run first, so each run is joined once, not once per container. Runs without container rows
   * drop out, as in the JOIN of the aggregate this table replaces.
   */
  private static final String AGGREGATE =
      "SELECT a.organization, a.repository, a.workflow, a.job, a.run_count, a.last_run_id,"
          + " s.received_at, a.cpu_waste, a.cpu_rows, a.memory_waste, a.memory_rows,"
          + " a.oom_kills, a.oom_rows, a.throttled_rows, a.max_ratio FROM ("
          + "SELECT r.organization, r.repository, r.workflow, r.job,"
          + " COUNT(*) AS run_count, MAX(r.id) AS last_run_id,"
          + " SUM(u.cpu_waste) AS cpu_waste, SUM(u.cpu_rows) AS cpu_rows,"
          + " SUM(u.memory_waste) AS memory_waste, SUM(u.memory_rows) AS memory_rows,"
          + " SUM(u.oom_kills) AS oom_kills, SUM(u.oom_rows) AS oom_rows,"
          + " SUM(u.throttled_rows) AS throttled_rows, MAX(u.max_ratio) AS max_ratio FROM ("
          + "SELECT c.stored_run_id,"
          + " SUM(CASE WHEN "
          + CPU_KNOWN
          + " THEN (c.cpu_limit_cores - c.cpu_cores_avg) * c.cpu_seconds / c.cpu_cores_avg"
          + " ELSE 0.0 END) AS cpu_waste,"
          + " SUM(CASE WHEN "
          + CPU_KNOWN
          + " THEN 1 ELSE 0 END) AS cpu_rows,"
          + " SUM(CASE WHEN "
          + MEMORY_KNOWN
          + " THEN (c.memory_limit_bytes - c.memory_bytes_avg) * c.cpu_seconds / c.cpu_cores_avg"
          + " ELSE 0.0 END) AS memory_waste,"
          + " SUM(CASE WHEN "
          + MEMORY_KNOWN
          + " THEN 1 ELSE 0 END) AS memory_rows,"
          + " SUM(CASE WHEN c.oom_kills > 0 THEN c.oom_kills ELSE 0 END) AS oom_kills,"
          + " SUM(CASE WHEN c.oom_kills > 0 THEN 1 ELSE 0 END) AS oom_rows,"
          + " SUM(CASE WHEN c.cpu_throttled_ratio > 0 THEN 1 ELSE 0 END) AS throttled_rows,"
          + " MAX(c.cpu_throttled_ratio) AS max_ratio"
          + " FROM container_usage c WHERE %s GROUP BY c.stored_run_id) u"
          + " JOIN stored_run r ON r.id = u.stored_run_id"
          + " GROUP BY r.organization, r.repository, r.workflow, r.job) a"
          + " JOIN stored_run s ON s.id = a.last_run_id";

  private static final String ONE_JOB =
      "c.stored_run_id IN (SELECT r.id FROM stored_run r WHERE r.organization = ?"
          + " AND r.repository = ? AND r.workflow = ? AND r.job = ?)";

  private static final String DELETE =
      "DELETE FROM job_summary WHERE organization = ? AND repository = ? AND workflow = ?"
          + " AND job = ?";

  private JobSummaries() {}

  /**
   * One job: the summary's key. Jobs are locked in the database's order of these four columns
   * ({@code ORDER BY}, the same collation in every statement), so two writers never wait on each
   * other in a cycle.
   */
  public record Job(String organization, String repository, String workflow, String job) {

    private int bind(PreparedStatement statement, int first) throws SQLException {
      statement.setString(first, organization);
      statement.setString(first + 1, repository);
      statement.setString(first + 2, workflow);
      statement.setString(first + 3, job);
      return first + 4;
    }
  }

  /**
   * Adds {@code runs} (new, flushed: they have ids) to their jobs' rows through {@code em}, inside
   * its transaction, with the same aggregate that {@link #rebuild} uses, limited to these runs: one
   * upsert for the whole batch, whose rows are inserted in the fixed job order (the {@code ORDER
   * BY}), so two writers on PostgreSQL take the rows' locks in the same order. Runs without
   * container rows change nothing.
   *
   * <p>The id list is padded to a power of two by repeating its last id ({@code IN} is a set, so a
   * repeat counts once), so a writer's batches use a handful of statement texts, which the
   * connection keeps prepared ({@code eclipselink.jdbc.cache-statements}): preparing this statement
   * anew cost more than running it.
   */
  public static void add(EntityManager em, Collection<Run> runs) {
    List<Long> ids = new ArrayList<>(runs.size());
    for (Run run : runs) {
      if (!run.getContainers().isEmpty()) {
        ids.add(run.getId());
      }
    }
    if (ids.isEmpty()) {
      return;
    }
    int slots = ParameterSlots.forCount(ids.size());
    // On the container rows' run id, not the run's id: the statement is prepared once and reused,
    // and PostgreSQL's generic plan for "r.id IN (…)" joined every container row by hash (a scan
    // of the whole table per batch); on the indexed column it looks the batch's rows up.
    StringBuilder in = new StringBuilder("c.stored_run_id IN (?1");
    for (int i = 2; i <= slots; i++) {
      in.append(", ?").append(i);
    }
    // WHERE 1 = 1: SQLite needs a WHERE before ON CONFLICT in INSERT … SELECT … JOIN … ON.
    Query upsert =
        em.createNativeQuery(
            "INSERT INTO job_summary ("
                + COLUMNS
                + ") "
                + AGGREGATE.formatted(in.append(')'))
                + " WHERE 1 = 1 ORDER BY a.organization, a.repository, a.workflow, a.job"
                + ADD_ON_CONFLICT);
    for (int i = 0; i < slots; i++) {
      upsert.setParameter(i + 1, ids.get(Math.min(i, ids.size() - 1)));
    }
    upsert.executeUpdate();
  }

  /**
   * The jobs of the runs {@code runIds} selects ({@code ?} parameters bound by {@code bind}), in
   * the database's order: the order {@link #add} locks them in.
   */
  public static List<Job> jobsOf(Connection connection, String runIds, StatementBinder bind)
      throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT DISTINCT organization, repository, workflow, job FROM stored_run WHERE id IN ("
                + runIds
                + ") ORDER BY organization, repository, workflow, job")) {
      bind.bind(select);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          jobs.add(
              new Job(rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)));
        }
      }
    }
    return jobs;
  }

  /** Binds a statement's parameters. */
  @FunctionalInterface
  public interface StatementBinder {
    /** Binds {@code statement}'s parameters. */
    void bind(PreparedStatement statement) throws SQLException;
  }

  /**
   * Recomputes the rows of {@code jobs} (in {@link #jobsOf}'s order) from their remaining runs,
   * inside the caller's transaction: a job left without runs loses its row. The row is deleted
   * first, which takes its lock, so a concurrent upsert waits and then adds to the rebuilt row.
   */
  public static void rebuild(Connection connection, Collection<Job> jobs) throws SQLException {
    try (PreparedStatement delete = connection.prepareStatement(DELETE);
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO job_summary (" + COLUMNS + ") " + AGGREGATE.formatted(ONE_JOB))) {
      for (Job job : jobs) {
        job.bind(delete, 1);
        delete.executeUpdate();
        job.bind(insert, 1);
        insert.executeUpdate();
      }
    }
  }

  /** Every job's summary recomputed from the rows, for comparison with the table (tests). */
  static String aggregateOfAll() {
    return AGGREGATE.formatted("1 = 1");
  }
}
