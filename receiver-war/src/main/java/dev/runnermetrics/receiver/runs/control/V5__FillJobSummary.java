package dev.runnermetrics.receiver.runs.control;

import java.sql.Statement;
import java.util.logging.Logger;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code job_summary} (V4) from the runs and container rows already stored, one row per job,
 * by the rule the run writer applies to new runs ({@link JobSummaries}). Its SQL is frozen here on
 * purpose, as in {@link V3__FillContainerUsage}: a migration must do tomorrow what it did today.
 */
public class V5__FillJobSummary extends BaseJavaMigration {

  private static final Logger LOG = Logger.getLogger(V5__FillJobSummary.class.getName());

  private static final String TIMED = "c.cpu_seconds IS NOT NULL AND c.cpu_cores_avg > 0";

  private static final String CPU_KNOWN = "c.cpu_limit_cores IS NOT NULL AND " + TIMED;

  private static final String MEMORY_KNOWN =
      "c.memory_limit_bytes IS NOT NULL AND c.memory_bytes_avg IS NOT NULL AND " + TIMED;

  static final String FILL =
      "INSERT INTO job_summary (organization, repository, workflow, job, run_count, last_run_id,"
          + " last_run_at, cpu_waste_core_seconds, cpu_waste_rows, memory_waste_byte_seconds,"
          + " memory_waste_rows, oom_kills, oom_rows, throttled_rows, max_throttled_ratio)"
          + " SELECT a.organization, a.repository, a.workflow, a.job, a.run_count,"
          + " a.last_run_id, s.received_at, a.cpu_waste, a.cpu_rows, a.memory_waste,"
          + " a.memory_rows, a.oom_kills, a.oom_rows, a.throttled_rows, a.max_ratio FROM ("
          + "SELECT r.organization, r.repository, r.workflow, r.job,"
          + " COUNT(DISTINCT r.id) AS run_count, MAX(r.id) AS last_run_id,"
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
          + " FROM container_usage c JOIN stored_run r ON r.id = c.stored_run_id"
          + " GROUP BY r.organization, r.repository, r.workflow, r.job) a"
          + " JOIN stored_run s ON s.id = a.last_run_id";

  @Override
  public void migrate(Context context) throws Exception {
    try (Statement statement = context.getConnection().createStatement()) {
      int jobs = statement.executeUpdate(FILL);
      LOG.info(() -> "job summaries filled from stored runs: " + jobs + " jobs");
    }
  }
}
