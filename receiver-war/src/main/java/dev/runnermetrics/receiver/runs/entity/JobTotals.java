package dev.runnermetrics.receiver.runs.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One job's totals over its stored runs ({@code job_summary}): what the organisation view shows,
 * kept exactly consistent with the runs by {@code runs.control.JobSummaries} in the transactions
 * that store and delete them. Read-only here: nothing persists or changes it through JPA. Waste is
 * in core-seconds and byte-seconds over the container rows that had the figures it needs; their
 * counts say whether the job has a waste figure at all.
 */
@Entity(name = "JobTotals")
@Table(name = "job_summary")
public class JobTotals {

  @Id private Long id;

  @Column(nullable = false)
  private String organization;

  @Column(nullable = false)
  private String repository;

  @Column(nullable = false)
  private String workflow;

  @Column(nullable = false)
  private String job;

  @Column(name = "run_count", nullable = false)
  private long runCount;

  @Column(name = "last_run_id", nullable = false)
  private long lastRunId;

  @Column(name = "last_run_at", nullable = false)
  @Convert(converter = InstantMillisConverter.class)
  private Instant lastRunAt;

  @Column(name = "cpu_waste_core_seconds", nullable = false)
  private double cpuWasteCoreSeconds;

  @Column(name = "cpu_waste_rows", nullable = false)
  private long cpuWasteRows;

  @Column(name = "memory_waste_byte_seconds", nullable = false)
  private double memoryWasteByteSeconds;

  @Column(name = "memory_waste_rows", nullable = false)
  private long memoryWasteRows;

  @Column(name = "oom_kills", nullable = false)
  private long oomKills;

  @Column(name = "oom_rows", nullable = false)
  private long oomRows;

  @Column(name = "throttled_rows", nullable = false)
  private long throttledRows;

  @Column(name = "max_throttled_ratio")
  private Double maxThrottledRatio;

  /** For JPA. */
  protected JobTotals() {}

  public String getOrganization() {
    return organization;
  }

  public String getRepository() {
    return repository;
  }

  public String getWorkflow() {
    return workflow;
  }

  public String getJob() {
    return job;
  }

  /** Runs with container rows. */
  public long getRunCount() {
    return runCount;
  }

  /** The id of the newest such run. */
  public long getLastRunId() {
    return lastRunId;
  }

  /** When the newest such run arrived. */
  public Instant getLastRunAt() {
    return lastRunAt;
  }

  /** Limit minus average, times the hours covered, in core-seconds. */
  public double getCpuWasteCoreSeconds() {
    return cpuWasteCoreSeconds;
  }

  /** Container rows that added to the CPU waste. */
  public long getCpuWasteRows() {
    return cpuWasteRows;
  }

  /** Limit minus average, times the hours covered, in byte-seconds. */
  public double getMemoryWasteByteSeconds() {
    return memoryWasteByteSeconds;
  }

  /** Container rows that added to the memory waste. */
  public long getMemoryWasteRows() {
    return memoryWasteRows;
  }

  public long getOomKills() {
    return oomKills;
  }

  /** Container rows with an OOM kill. */
  public long getOomRows() {
    return oomRows;
  }

  /** Container rows with a throttled share above 0. */
  public long getThrottledRows() {
    return throttledRows;
  }

  /** The highest throttled share of any container row; null when no row had the figure. */
  public Double getMaxThrottledRatio() {
    return maxThrottledRatio;
  }
}
