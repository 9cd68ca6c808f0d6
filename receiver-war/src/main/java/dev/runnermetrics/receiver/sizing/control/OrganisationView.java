package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.common.summary.Decimals;
import dev.runnermetrics.receiver.runs.control.Database;
import dev.runnermetrics.receiver.sizing.entity.Confidence;
import dev.runnermetrics.receiver.sizing.entity.JobSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every job of an organisation with its runs, waste, OOM kills, throttling and confidence: one JPQL
 * GROUP BY over the container rows and their runs (the database does the sums, the order and the
 * page), then one lookup of the page's newest runs for their arrival times.
 *
 * <p>Waste follows {@link WasteRule}, reserved minus used over the rows that had a limit: (limit −
 * average) × hours. The rows do not store the run's duration, so the hours a row covers are its CPU
 * time divided by its average cores (the time the collector saw the container busy), and a row
 * without CPU time or with an average of 0 adds nothing. See docs/sizing.md.
 */
@ApplicationScoped
public class OrganisationView {

  private static final double SECONDS_PER_HOUR = 3600.0;
  private static final double GIB = 1024.0 * 1024 * 1024;

  /** The hours a row covers, in seconds: its CPU time over its average cores. */
  private static final String SECONDS = "c.cpuSeconds / c.cpuCoresAvg";

  private static final String TIMED = "c.cpuSeconds IS NOT NULL AND c.cpuCoresAvg > 0";

  private static final String CPU_KNOWN = "c.cpuLimitCores IS NOT NULL AND " + TIMED;

  private static final String MEMORY_KNOWN =
      "c.memoryLimitBytes IS NOT NULL AND c.memoryBytesAvg IS NOT NULL AND " + TIMED;

  /**
   * The aggregates per job. No {@code ELSE NULL}: EclipseLink binds the NULL as a parameter, which
   * PostgreSQL types as text and refuses beside a number; whether a job has a figure at all is its
   * own column ({@code cpuKnown}, {@code memoryKnown}) instead.
   */
  static final String JOBS =
      "SELECT r.repository, r.workflow, r.job, COUNT(DISTINCT r.id) AS runCount,"
          + " MAX(r.id) AS lastRun,"
          + " SUM(CASE WHEN "
          + CPU_KNOWN
          + " THEN (c.cpuLimitCores - c.cpuCoresAvg) * "
          + SECONDS
          + " ELSE 0.0 END) AS cpuWaste,"
          + " SUM(CASE WHEN "
          + MEMORY_KNOWN
          + " THEN (c.memoryLimitBytes - c.memoryBytesAvg) * "
          + SECONDS
          + " ELSE 0.0 END) AS memoryWaste,"
          + " SUM(CASE WHEN c.oomKills > 0 THEN c.oomKills ELSE 0 END) AS oomKills,"
          + " SUM(CASE WHEN c.oomKills > 0 THEN 1 ELSE 0 END) AS oomRows,"
          + " SUM(CASE WHEN c.cpuThrottledRatio > 0 THEN 1 ELSE 0 END) AS throttledRows,"
          + " MAX(c.cpuThrottledRatio) AS throttledRatio,"
          + " MAX(CASE WHEN "
          + CPU_KNOWN
          + " THEN 1 ELSE 0 END) AS cpuKnown,"
          + " MAX(CASE WHEN "
          + MEMORY_KNOWN
          + " THEN 1 ELSE 0 END) AS memoryKnown"
          + " FROM ContainerUsage c JOIN c.run r WHERE r.organization = :organization"
          + " GROUP BY r.repository, r.workflow, r.job ORDER BY ";

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
      List<Object[]> rows = all.subList(Math.min(query.offset(), all.size()), all.size());
      Map<Long, Instant> arrivals = arrivals(em, rows);
      List<JobSummary> jobs = new ArrayList<>();
      for (Object[] row : rows) {
        jobs.add(job(row, arrivals));
      }
      return jobs;
    } finally {
      em.close();
    }
  }

  static String order(OrganisationQuery.Sort sort) {
    String first =
        switch (sort) {
          case CPU_WASTE -> "cpuKnown DESC, cpuWaste DESC, ";
          case MEMORY_WASTE -> "memoryKnown DESC, memoryWaste DESC, ";
          case OOM_KILLS -> "oomKills DESC, ";
          case RUNS -> "runCount DESC, ";
          case LAST_RUN -> "lastRun DESC, ";
          case NAME -> "";
        };
    return first + BY_NAME;
  }

  private static Map<Long, Instant> arrivals(EntityManager em, List<Object[]> rows) {
    Map<Long, Instant> arrivals = new HashMap<>();
    if (rows.isEmpty()) {
      return arrivals;
    }
    List<Long> ids = rows.stream().map(r -> ((Number) r[4]).longValue()).toList();
    for (Object[] found :
        em.createQuery("SELECT r.id, r.receivedAt FROM Run r WHERE r.id IN :ids", Object[].class)
            .setParameter("ids", ids)
            .getResultList()) {
      arrivals.put(((Number) found[0]).longValue(), (Instant) found[1]);
    }
    return arrivals;
  }

  private static JobSummary job(Object[] row, Map<Long, Instant> arrivals) {
    long runs = number(row[3]);
    long oomRows = number(row[8]);
    long clean = Math.max(0, runs - oomRows);
    return new JobSummary(
        (String) row[0],
        (String) row[1],
        (String) row[2],
        runs,
        arrivals.get(number(row[4])),
        number(row[11]) == 0
            ? null
            : Decimals.round(((Number) row[5]).doubleValue() / SECONDS_PER_HOUR),
        number(row[12]) == 0
            ? null
            : Decimals.round(((Number) row[6]).doubleValue() / GIB / SECONDS_PER_HOUR),
        number(row[7]),
        number(row[9]),
        row[10] == null ? null : ((Number) row[10]).doubleValue(),
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

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }
}
