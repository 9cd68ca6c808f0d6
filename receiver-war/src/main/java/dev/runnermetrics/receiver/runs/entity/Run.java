package dev.runnermetrics.receiver.runs.entity;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.StoredRun;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One stored push: its canonical scope, run id, arrival time, optional idempotency key, the payload
 * exactly as the collector sent it (JSON text), and one {@link ContainerUsage} row per container.
 */
@Entity(name = "Run")
@Table(name = "stored_run")
@NamedQuery(
    name = Run.NEWEST_IN_SCOPE,
    query =
        "SELECT r FROM Run r WHERE r.organization = :organization"
            + " AND r.repository = :repository AND r.workflow = :workflow AND r.job = :job"
            + " AND r.id < :before ORDER BY r.id DESC")
@NamedQuery(
    name = Run.NEWEST_IDS_IN_SCOPE,
    query =
        "SELECT r.id FROM Run r WHERE r.organization = :organization"
            + " AND r.repository = :repository AND r.workflow = :workflow AND r.job = :job"
            + " ORDER BY r.id DESC")
@NamedQuery(
    name = Run.BY_IDEMPOTENCY_KEY,
    query =
        "SELECT r FROM Run r WHERE r.organization = :organization"
            + " AND r.repository = :repository AND r.workflow = :workflow AND r.job = :job"
            + " AND r.idempotencyKey = :key")
@NamedQuery(name = Run.COUNT_ID, query = "SELECT COUNT(r) FROM Run r WHERE r.id = :id")
public class Run {

  /** Newest first within one scope, below an id (keyset paging); use with setMaxResults. */
  public static final String NEWEST_IN_SCOPE = "Run.newestInScope";

  /** The ids of one scope's runs, newest first; use with setMaxResults. */
  public static final String NEWEST_IDS_IN_SCOPE = "Run.newestIdsInScope";

  /** The run stored earlier under the same scope and idempotency key. */
  public static final String BY_IDEMPOTENCY_KEY = "Run.byIdempotencyKey";

  /** Whether a run with an id exists: a cheap query that proves the table answers. */
  public static final String COUNT_ID = "Run.countId";

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

  @OneToMany(mappedBy = "run", cascade = CascadeType.PERSIST, fetch = FetchType.LAZY)
  @OrderBy("id")
  private List<ContainerUsage> containers = new ArrayList<>();

  /** For JPA. */
  protected Run() {}

  /** A new run to store; {@code idempotencyKey} may be null. */
  public Run(Scope scope, String runId, Instant receivedAt, String idempotencyKey, String payload) {
    this.organization = scope.organization();
    this.repository = scope.repository();
    this.workflow = scope.workflow();
    this.job = scope.job();
    this.runId = runId;
    this.receivedAt = receivedAt;
    this.idempotencyKey = idempotencyKey;
    this.payload = payload;
  }

  /** Adds a container row; it is persisted with this run. */
  public void add(ContainerUsage container) {
    container.belongTo(this);
    containers.add(container);
  }

  /** The run as clients read it, without its payload (whose text {@link #getPayload} keeps). */
  public StoredRun envelope() {
    return new StoredRun(id, organization, repository, workflow, job, runId, receivedAt, null);
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

  public String getIdempotencyKey() {
    return idempotencyKey;
  }

  /** The payload JSON text, exactly as pushed. */
  public String getPayload() {
    return payload;
  }

  /** The container rows (loaded on first access, inside an open entity manager). */
  public List<ContainerUsage> getContainers() {
    return containers;
  }
}
