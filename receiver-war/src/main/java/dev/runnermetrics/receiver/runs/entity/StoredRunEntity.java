package dev.runnermetrics.receiver.runs.entity;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.StoredRun;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One stored push: its canonical scope, run id, arrival time, optional idempotency key and the
 * payload exactly as the collector sent it (JSON text).
 */
@Entity(name = "StoredRun")
@Table(name = "stored_run")
@NamedQuery(
    name = StoredRunEntity.NEWEST_IN_SCOPE,
    query =
        "SELECT r FROM StoredRun r WHERE r.organization = :organization"
            + " AND r.repository = :repository AND r.workflow = :workflow AND r.job = :job"
            + " AND r.id < :before ORDER BY r.id DESC")
@NamedQuery(
    name = StoredRunEntity.BY_IDEMPOTENCY_KEY,
    query =
        "SELECT r FROM StoredRun r WHERE r.organization = :organization"
            + " AND r.repository = :repository AND r.workflow = :workflow AND r.job = :job"
            + " AND r.idempotencyKey = :key")
public class StoredRunEntity {

  /** Newest first within one scope, below an id (paging). */
  public static final String NEWEST_IN_SCOPE = "StoredRun.newestInScope";

  /** The run stored earlier under the same scope and idempotency key. */
  public static final String BY_IDEMPOTENCY_KEY = "StoredRun.byIdempotencyKey";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(nullable = false)
  private String organization;

  @Column(nullable = false)
  private String repository;

  @Column(nullable = false)
  private String workflow;

  @Column(nullable = false)
  private String job;

  @Column(name = "run_id", nullable = false)
  private String runId;

  @Column(name = "received_at", nullable = false)
  @Convert(converter = InstantMillisConverter.class)
  private Instant receivedAt;

  @Column(name = "idempotency_key")
  private String idempotencyKey;

  @Column(nullable = false)
  private String payload;

  /** For JPA. */
  protected StoredRunEntity() {}

  /** A new run to store; {@code idempotencyKey} may be null. */
  public StoredRunEntity(
      Scope scope, String runId, Instant receivedAt, String idempotencyKey, String payload) {
    this.organization = scope.organization();
    this.repository = scope.repository();
    this.workflow = scope.workflow();
    this.job = scope.job();
    this.runId = runId;
    this.receivedAt = receivedAt;
    this.idempotencyKey = idempotencyKey;
    this.payload = payload;
  }

  /** A run as read from or written to the table by plain JDBC (the hot paths). */
  public static StoredRunEntity stored(
      long id,
      Scope scope,
      String runId,
      Instant receivedAt,
      String idempotencyKey,
      String payload) {
    StoredRunEntity run = new StoredRunEntity(scope, runId, receivedAt, idempotencyKey, payload);
    run.id = id;
    return run;
  }

  public long getId() {
    return id;
  }

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

  public String getRunId() {
    return runId;
  }

  public Instant getReceivedAt() {
    return receivedAt;
  }

  /** The run as clients read it, without its payload (whose text {@link #getPayload} keeps). */
  public StoredRun envelope() {
    return new StoredRun(id, organization, repository, workflow, job, runId, receivedAt, null);
  }

  /** The payload JSON text, exactly as pushed. */
  public String getPayload() {
    return payload;
  }
}
