package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.runs.entity.StoredRunEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * Stores and reads runs. SQLite allows one writer at a time, so writes are serialised here, in the
 * JVM, each one committed (and, at synchronous=FULL, synced) before its push is acknowledged:
 * concurrent pushers queue on a fair lock instead of meeting SQLITE_BUSY. Reads run in parallel
 * (WAL).
 */
@ApplicationScoped
public class RunStore {

  private static final Logger LOG = Logger.getLogger(RunStore.class.getName());

  private final ReentrantLock writeLock = new ReentrantLock(true);

  @Inject Database database;

  /**
   * The outcome of a push.
   *
   * @param run the stored run
   * @param replayed true when an earlier push with the same idempotency key stored it
   */
  public record Stored(StoredRunEntity run, boolean replayed) {}

  /**
   * Stores a validated, authorised push, or returns the run an earlier push with the same
   * idempotency key (may be null) stored in the same scope.
   */
  public Stored store(Scope scope, String runId, String idempotencyKey, String payloadJson) {
    Stored stored;
    writeLock.lock();
    try {
      stored = insertOrFind(scope, runId, idempotencyKey, payloadJson);
    } finally {
      writeLock.unlock();
    }
    long id = stored.run().getId();
    if (stored.replayed()) {
      LOG.info(() -> "push replayed: scope=[" + scope + "] run_id=" + runId + " id=" + id);
    } else {
      LOG.info(() -> "stored run: scope=[" + scope + "] run_id=" + runId + " id=" + id);
    }
    return stored;
  }

  private Stored insertOrFind(
      Scope scope, String runId, String idempotencyKey, String payloadJson) {
    EntityManager em = database.entityManager();
    EntityTransaction tx = em.getTransaction();
    try {
      tx.begin();
      if (idempotencyKey != null) {
        Optional<StoredRunEntity> earlier =
            em.createNamedQuery(StoredRunEntity.BY_IDEMPOTENCY_KEY, StoredRunEntity.class)
                .setParameter("organization", scope.organization())
                .setParameter("repository", scope.repository())
                .setParameter("workflow", scope.workflow())
                .setParameter("job", scope.job())
                .setParameter("key", idempotencyKey)
                .getResultStream()
                .findFirst();
        if (earlier.isPresent()) {
          tx.rollback();
          return new Stored(earlier.get(), true);
        }
      }
      StoredRunEntity run =
          new StoredRunEntity(scope, runId, Instant.now(), idempotencyKey, payloadJson);
      em.persist(run);
      tx.commit();
      return new Stored(run, false);
    } finally {
      if (tx.isActive()) {
        tx.rollback();
      }
      em.close();
    }
  }

  /** Up to {@code limit} runs of {@code scope} with ids below {@code before}, newest first. */
  public List<StoredRunEntity> newest(Scope scope, long before, int limit) {
    EntityManager em = database.entityManager();
    try {
      return em.createNamedQuery(StoredRunEntity.NEWEST_IN_SCOPE, StoredRunEntity.class)
          .setParameter("organization", scope.organization())
          .setParameter("repository", scope.repository())
          .setParameter("workflow", scope.workflow())
          .setParameter("job", scope.job())
          .setParameter("before", before)
          .setMaxResults(limit)
          .getResultList();
    } finally {
      em.close();
    }
  }

  /** The run with {@code id}, if stored. */
  public Optional<StoredRunEntity> find(long id) {
    EntityManager em = database.entityManager();
    try {
      return Optional.ofNullable(em.find(StoredRunEntity.class, id));
    } finally {
      em.close();
    }
  }
}
