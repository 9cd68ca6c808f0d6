package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.runs.entity.StoredRunEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Stores and reads runs. SQLite allows one writer at a time, so every write goes through the one
 * {@link RunWriter} (group commit: concurrent pushes share a transaction, each acknowledged after
 * that commit), and nobody meets SQLITE_BUSY. Reads run in parallel (WAL) on plain JDBC
 * connections; the lookup by id stays on EclipseLink.
 */
@ApplicationScoped
public class RunStore {

  private static final Logger LOG = Logger.getLogger(RunStore.class.getName());

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
   * idempotency key (may be null) stored in the same scope. Returns after the commit.
   */
  public Stored store(Scope scope, String runId, String idempotencyKey, String payloadJson) {
    Stored stored;
    try {
      stored =
          database
              .writer()
              .submit(scope, runId, idempotencyKey, payloadJson)
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
    if (stored.replayed()) {
      LOG.info(() -> "push replayed: scope=[" + scope + "] run_id=" + runId + " id=" + id);
    } else {
      LOG.info(() -> "stored run: scope=[" + scope + "] run_id=" + runId + " id=" + id);
    }
    return stored;
  }

  /** How long a push waits for the commit holding it. */
  static final int COMMIT_WAIT_SECONDS = 60;

  /** The query of the GET; the plan test checks it is served by {@code stored_run_scope_id}. */
  public static final String NEWEST =
      "SELECT id, run_id, received_at, payload FROM stored_run WHERE organization = ?"
          + " AND repository = ? AND workflow = ? AND job = ? AND id < ? ORDER BY id DESC LIMIT ?";

  /** Up to {@code limit} runs of {@code scope} with ids below {@code before}, newest first. */
  public List<StoredRunEntity> newest(Scope scope, long before, int limit) {
    return database.read(
        connection -> {
          try (PreparedStatement query = connection.prepareStatement(NEWEST)) {
            query.setString(1, scope.organization());
            query.setString(2, scope.repository());
            query.setString(3, scope.workflow());
            query.setString(4, scope.job());
            query.setLong(5, before);
            query.setInt(6, limit);
            List<StoredRunEntity> runs = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                runs.add(
                    StoredRunEntity.stored(
                        rows.getLong(1),
                        scope,
                        rows.getString(2),
                        Instant.ofEpochMilli(rows.getLong(3)),
                        null,
                        rows.getString(4)));
              }
            }
            return runs;
          }
        });
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
