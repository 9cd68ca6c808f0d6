package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.receiver.operations.control.OperationsMetrics;
import dev.runnermetrics.receiver.runs.entity.ContainerUsage;
import dev.runnermetrics.receiver.runs.entity.Run;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.TypedQuery;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.persistence.sequencing.SequencingControl;
import org.eclipse.persistence.sessions.DatabaseSession;

/**
 * Group commit: the only writer of this receiver, one thread persisting through the {@link
 * EntityManager}. Pushes queue up while a commit is in flight and the next transaction takes all of
 * them (up to {@link #MAX_BATCH}), so many pushes share one commit (one WAL sync on SQLite). Each
 * push is acknowledged (its future completed) only after the commit that holds it returned, so an
 * acknowledged push is as durable as a single-row commit. If a batch fails, its pushes are retried
 * one per transaction, so one bad row cannot fail the others; a push whose idempotency key another
 * receiver stored meanwhile (the unique index refused it) is answered with that run.
 */
public final class RunWriter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RunWriter.class.getName());

  /** The most pushes one transaction takes. */
  static final int MAX_BATCH = 128;

  /** One push waiting for its commit. */
  private record Pending(
      Scope scope,
      String runId,
      String idempotencyKey,
      RunSummary summary,
      String payload,
      CompletableFuture<RunStore.Stored> done) {

    /** Its {@link RunWriter#key}, or null without an idempotency key. */
    String key() {
      return idempotencyKey == null ? null : RunWriter.key(scope, idempotencyKey);
    }
  }

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final EntityManagerFactory emf;
  private final SequencingControl ids;
  private final Clock clock;
  private final Thread thread;
  private final WriteHealth health;
  private volatile boolean running = true;

  /** Starts the writer thread on {@code emf}; {@code clock} stamps {@code received_at}. */
  public RunWriter(EntityManagerFactory emf, Clock clock) {
    this(emf, clock, new WriteHealth());
  }

  /**
   * As {@link #RunWriter(EntityManagerFactory, Clock)}, telling {@code health} each commit's
   * outcome.
   */
  public RunWriter(EntityManagerFactory emf, Clock clock, WriteHealth health) {
    this.emf = emf;
    this.ids = emf.unwrap(DatabaseSession.class).getSequencingControl();
    this.clock = clock;
    this.health = health;
    this.thread = new Thread(this::run, "receiver-run-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues a push ({@code idempotencyKey} may be null); the future completes after the commit that
   * stored (or found) it.
   */
  public CompletableFuture<RunStore.Stored> submit(
      Scope scope, String runId, String idempotencyKey, RunSummary summary, String payload) {
    CompletableFuture<RunStore.Stored> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new IllegalStateException("the receiver is shutting down"));
      return done;
    }
    queue.add(new Pending(scope, runId, idempotencyKey, summary, payload, done));
    return done;
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(MAX_BATCH);
    while (running) {
      try {
        Pending first = queue.poll(500, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, MAX_BATCH - 1);
        commit(batch);
      } catch (InterruptedException e) {
        break;
      } catch (RuntimeException e) {
        LOG.log(Level.SEVERE, "run writer failed a batch", e);
        batch.forEach(p -> p.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
    queue.forEach(
        p ->
            p.done()
                .completeExceptionally(new IllegalStateException("the receiver is shutting down")));
  }

  private void commit(List<Pending> batch) {
    List<RunStore.Stored> results = new ArrayList<>(batch.size());
    // Each batch draws its own ids. On PostgreSQL they come in blocks of 50
    // (receiver-postgresql-orm.xml); a block kept for later batches would give this receiver's
    // next runs lower ids than runs another receiver stored meanwhile, and "newest" is id order.
    ids.initializePreallocated();
    EntityManager em = emf.createEntityManager();
    // Inserts go to the database at commit, not before each idempotency lookup: a key repeated
    // within the batch is found in `keyed`, and flushing before every query cost more than the
    // inserts themselves.
    em.setFlushMode(FlushModeType.COMMIT);
    try {
      em.getTransaction().begin();
      Map<String, Run> keyed = storedUnderKeys(em, batch);
      for (Pending p : batch) {
        results.add(persistOrFind(em, p, keyed));
      }
      summarise(em, results);
      em.getTransaction().commit();
      health.committed();
      OperationsMetrics.batchCommitted(batch.size());
    } catch (RuntimeException e) {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
      if (batch.size() == 1) {
        Pending p = batch.get(0);
        Optional<Run> stored = p.idempotencyKey() == null ? Optional.empty() : earlier(p);
        if (stored.isPresent()) {
          p.done().complete(new RunStore.Stored(stored.get(), true));
        } else {
          health.failed(e);
          p.done().completeExceptionally(e);
        }
      } else {
        // The cause only: the exception's own message holds the batch's whole SQL, payloads too.
        LOG.warning(
            () ->
                "a batch of "
                    + batch.size()
                    + " failed, storing one by one: "
                    + DatabaseChecks.reason(e));
        for (Pending p : batch) {
          commit(List.of(p));
        }
      }
      return;
    }
    em.close();
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(results.get(i));
    }
  }

  private RunStore.Stored persistOrFind(EntityManager em, Pending p, Map<String, Run> keyed) {
    String key = p.key();
    Run same = key == null ? null : keyed.get(key);
    if (same != null) {
      return new RunStore.Stored(same, true);
    }
    Run run =
        new Run(
            p.scope(),
            p.runId(),
            Instant.ofEpochMilli(clock.millis()),
            p.idempotencyKey(),
            p.payload());
    for (ContainerSummary container : p.summary().containers()) {
      run.add(ContainerUsage.of(container));
    }
    em.persist(run);
    if (key != null) {
      keyed.put(key, run);
    }
    return new RunStore.Stored(run, false);
  }

  /**
   * The runs already stored under the batch's idempotency keys, by {@link Pending#key()}: one query
   * for the whole batch, not a round trip per key inside the single writer. Its text has one
   * condition per key, on the unique index's columns, padded to a power of two by repeating the
   * last key, so a writer uses a handful of texts, each parsed once.
   */
  private static Map<String, Run> storedUnderKeys(EntityManager em, List<Pending> batch) {
    List<Pending> keyed = batch.stream().filter(p -> p.idempotencyKey() != null).toList();
    Map<String, Run> stored = new HashMap<>();
    if (keyed.isEmpty()) {
      return stored;
    }
    int slots = ParameterSlots.forCount(keyed.size());
    TypedQuery<Run> query = em.createQuery(storedUnderKeys(slots), Run.class);
    for (int i = 0; i < slots; i++) {
      Pending p = keyed.get(Math.min(i, keyed.size() - 1));
      query
          .setParameter(5 * i + 1, p.scope().organization())
          .setParameter(5 * i + 2, p.scope().repository())
          .setParameter(5 * i + 3, p.scope().workflow())
          .setParameter(5 * i + 4, p.scope().job())
          .setParameter(5 * i + 5, p.idempotencyKey());
    }
    for (Run run : query.getResultList()) {
      Scope scope =
          new Scope(run.getOrganization(), run.getRepository(), run.getWorkflow(), run.getJob());
      stored.put(key(scope, run.getIdempotencyKey()), run);
    }
    return stored;
  }

  /**
   * A push's scope and idempotency key as one map key: the canonical scope (newline-joined, and no
   * value can hold a newline) and the key after a last newline.
   */
  private static String key(Scope scope, String idempotencyKey) {
    return scope.canonicalString() + "\n" + idempotencyKey;
  }

  /** The JPQL of {@link #storedUnderKeys(EntityManager, List)} for {@code slots} keys. */
  static String storedUnderKeys(int slots) {
    StringBuilder jpql = new StringBuilder("SELECT r FROM Run r WHERE ");
    for (int i = 0; i < slots; i++) {
      int p = 5 * i;
      jpql.append(i == 0 ? "(" : " OR (")
          .append("r.organization = ?")
          .append(p + 1)
          .append(" AND r.repository = ?")
          .append(p + 2)
          .append(" AND r.workflow = ?")
          .append(p + 3)
          .append(" AND r.job = ?")
          .append(p + 4)
          .append(" AND r.idempotencyKey = ?")
          .append(p + 5)
          .append(')');
    }
    return jpql.toString();
  }

  /**
   * Adds the batch's new runs to their jobs' summaries in this transaction, so the summary commits
   * (or rolls back) with the runs it counts. The runs are flushed first: the summary needs their
   * ids.
   */
  private static void summarise(EntityManager em, List<RunStore.Stored> results) {
    Map<Long, Run> added = new LinkedHashMap<>();
    em.flush();
    for (RunStore.Stored stored : results) {
      if (!stored.replayed()) {
        added.putIfAbsent(stored.run().getId(), stored.run());
      }
    }
    if (added.isEmpty()) {
      return;
    }
    JobSummaries.add(em, added.values());
  }

  /** The run stored under {@code p}'s scope and key by a commit that is not this writer's. */
  private Optional<Run> earlier(Pending p) {
    EntityManager em = emf.createEntityManager();
    try {
      return byKey(em, p);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "looking up an idempotency key after a failed commit failed", e);
      return Optional.empty();
    } finally {
      em.close();
    }
  }

  private static Optional<Run> byKey(EntityManager em, Pending p) {
    return em.createNamedQuery(Run.BY_IDEMPOTENCY_KEY, Run.class)
        .setParameter("organization", p.scope().organization())
        .setParameter("repository", p.scope().repository())
        .setParameter("workflow", p.scope().workflow())
        .setParameter("job", p.scope().job())
        .setParameter("key", p.idempotencyKey())
        .getResultStream()
        .findFirst();
  }

  /** Stops taking pushes and lets the thread finish its batch. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
