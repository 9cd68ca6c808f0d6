package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.runs.entity.ContainerUsage;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import dev.runnermetrics.receiver.runs.entity.Run;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Stores and reads runs. Every write goes through the one {@link RunWriter} (group commit:
 * concurrent pushes share a transaction, each acknowledged after that commit); reads are named
 * queries on their own entity managers, in parallel.
 */
@ApplicationScoped
public class RunStore {

  private static final Logger LOG = Logger.getLogger(RunStore.class.getName());

  /** Reads never change what they read: EclipseLink skips the copies it keeps to detect changes. */
  private static final String READ_ONLY = "eclipselink.read-only";

  /** How long a push waits for the commit holding it. */
  static final int COMMIT_WAIT_SECONDS = 60;

  @Inject Database database;

  /**
   * The outcome of a push.
   *
   * @param run the stored run
   * @param replayed true when an earlier push with the same idempotency key stored it
   */
  public record Stored(Run run, boolean replayed) {}

  /**
   * Stores a validated, authorised push, or returns the run an earlier push with the same
   * idempotency key (may be null) stored in the same scope. Returns after the commit.
   */
  public Stored store(IncomingPush push, String idempotencyKey) {
    Scope scope = push.scope();
    Stored stored;
    try {
      stored =
          database
              .writer()
              .submit(scope, push.runId(), idempotencyKey, push.summary(), push.payloadJson())
              .get(COMMIT_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the commit", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("storing the run failed", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("no commit within " + COMMIT_WAIT_SECONDS + " s", e);
    }
    long id = stored.run().getId();
    String runId = push.runId();
    if (stored.replayed()) {
      LOG.info(() -> "push replayed: scope=[" + scope + "] run_id=" + runId + " id=" + id);
    } else {
      LOG.info(() -> "stored run: scope=[" + scope + "] run_id=" + runId + " id=" + id);
    }
    return stored;
  }

  /** Up to {@code limit} runs of {@code scope} with ids below {@code before}, newest first. */
  public List<Run> newest(Scope scope, long before, int limit) {
    EntityManager em = database.entityManager();
    try {
      return inScope(em.createNamedQuery(Run.NEWEST_IN_SCOPE, Run.class), scope)
          .setParameter("before", before)
          .setMaxResults(limit)
          .setHint(READ_ONLY, "true")
          .getResultList();
    } finally {
      em.close();
    }
  }

  /** The run with {@code id}, if stored. */
  public Optional<Run> find(long id) {
    EntityManager em = database.entityManager();
    try {
      return Optional.ofNullable(em.find(Run.class, id));
    } finally {
      em.close();
    }
  }

  /**
   * The container rows of the last {@code runs} runs of one job, newest run first (rows of one run
   * in the order they were pushed); each row's {@link ContainerUsage#getRun()} is loaded (id, run
   * id, received at). What sizing advice is computed from.
   */
  public List<ContainerUsage> recentContainers(Scope scope, int runs) {
    EntityManager em = database.entityManager();
    try {
      List<Long> ids =
          inScope(em.createNamedQuery(Run.NEWEST_IDS_IN_SCOPE, Long.class), scope)
              .setMaxResults(runs)
              .getResultList();
      if (ids.isEmpty()) {
        return List.of();
      }
      return em.createNamedQuery(ContainerUsage.OF_RUNS, ContainerUsage.class)
          .setParameter("runIds", ids)
          .setHint(READ_ONLY, "true")
          .getResultList();
    } finally {
      em.close();
    }
  }

  private static <T> TypedQuery<T> inScope(TypedQuery<T> query, Scope scope) {
    return query
        .setParameter("organization", scope.organization())
        .setParameter("repository", scope.repository())
        .setParameter("workflow", scope.workflow())
        .setParameter("job", scope.job());
  }
}
