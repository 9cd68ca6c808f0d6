package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.common.summary.Decimals;
import dev.runnermetrics.receiver.runs.control.Database;
import dev.runnermetrics.receiver.runs.entity.JobTotals;
import dev.runnermetrics.receiver.sizing.entity.Confidence;
import dev.runnermetrics.receiver.sizing.entity.JobSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;

/**
 * Every job of an organisation with its runs, waste, OOM kills, throttling and confidence: one JPQL
 * query over the per-job summary ({@link JobTotals}, one row per job), which the run writer keeps
 * in the transaction that stores the runs and retention in the one that deletes them; the database
 * orders and pages it. Reading it costs one row per job, not one per container row (see
 * docs/sizing.md, "The organisation view").
 *
 * <p>Waste follows {@link WasteRule}, reserved minus used over the rows that had a limit: (limit −
 * average) × hours. The rows do not store the run's duration, so the hours a row covers are its CPU
 * time divided by its average cores (the time the collector saw the container busy), and a row
 * without CPU time or with an average of 0 adds nothing.
 */
@ApplicationScoped
public class OrganisationView {

  private static final double SECONDS_PER_HOUR = 3600.0;
  private static final double GIB = 1024.0 * 1024 * 1024;

  /** The jobs of an organisation, with whether each has a CPU and a memory waste figure. */
  static final String JOBS =
      "SELECT r, CASE WHEN r.cpuWasteRows > 0 THEN 1 ELSE 0 END AS cpuKnown,"
          + " CASE WHEN r.memoryWasteRows > 0 THEN 1 ELSE 0 END AS memoryKnown"
          + " FROM JobTotals r WHERE r.organization = :organization ORDER BY ";

  private static final String BY_NAME = "r.repository, r.workflow, r.job";

  @Inject Database database;

  /** One page of the jobs of {@code organization}, in the order asked. */
  public List<JobSummary> jobs(String organization, OrganisationQuery query) {
    EntityManager em = database.entityManager();
    try {
      // No setFirstResult: on SQLite EclipseLink would position a scrollable cursor, which the
      // driver refuses; the rows before the page are skipped here instead (the offset is bounded).
      List<Object[]> all =
          em.createQuery(JOBS + order(query.sort()), Object[].class)
              .setParameter("organization", organization)
              .setMaxResults(query.offset() + query.limit())
              .setHint("eclipselink.read-only", "true")
              .getResultList();
      List<JobSummary> jobs = new ArrayList<>();
      for (Object[] row : all.subList(Math.min(query.offset(), all.size()), all.size())) {
        jobs.add(job((JobTotals) row[0]));
      }
      return jobs;
    } finally {
      em.close();
    }
  }

  static String order(OrganisationQuery.Sort sort) {
    String first =
        switch (sort) {
          case CPU_WASTE -> "cpuKnown DESC, r.cpuWasteCoreSeconds DESC, ";
          case MEMORY_WASTE -> "memoryKnown DESC, r.memoryWasteByteSeconds DESC, ";
          case OOM_KILLS -> "r.oomKills DESC, ";
          case RUNS -> "r.runCount DESC, ";
          case LAST_RUN -> "r.lastRunId DESC, ";
          case NAME -> "";
        };
    return first + BY_NAME;
  }

  private static JobSummary job(JobTotals t) {
    long clean = Math.max(0, t.getRunCount() - t.getOomRows());
    return new JobSummary(
        t.getRepository(),
        t.getWorkflow(),
        t.getJob(),
        t.getRunCount(),
        t.getLastRunAt(),
        t.getCpuWasteRows() == 0
            ? null
            : Decimals.round(t.getCpuWasteCoreSeconds() / SECONDS_PER_HOUR),
        t.getMemoryWasteRows() == 0
            ? null
            : Decimals.round(t.getMemoryWasteByteSeconds() / GIB / SECONDS_PER_HOUR),
        t.getOomKills(),
        t.getThrottledRows(),
        t.getMaxThrottledRatio(),
        clean,
        level(clean));
  }

  /** The method's levels by clean runs alone (the job's own advice also weighs variability). */
  static String level(long cleanRuns) {
    if (cleanRuns == 0) {
      return Confidence.NONE;
    }
    if (cleanRuns < ConfidenceRule.CONFIDENT_RUNS) {
      return Confidence.LOW;
    }
    return cleanRuns < ConfidenceRule.HIGH_RUNS ? Confidence.MEDIUM : Confidence.HIGH;
  }
}
