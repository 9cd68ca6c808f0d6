package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.runs.entity.StoredRunEntity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Group commit: the only writer of the database, one thread with its own connection. Pushes queue
 * up while a commit is in flight and the next transaction takes all of them (up to {@link
 * #MAX_BATCH}), so at synchronous=FULL many pushes share one WAL sync. Each push is acknowledged
 * (its future completed) only after the commit that holds it returned, so an acknowledged push is
 * as durable as a single-row commit. If a batch fails, its pushes are retried one per transaction,
 * so one bad row cannot fail the others.
 *
 * <p>Plain JDBC on purpose: this is the hot path, and an EclipseLink transaction per push (entity
 * manager, unit of work, change set, identity lookup) cost more CPU than SQLite's insert itself.
 */
public final class RunWriter implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(RunWriter.class.getName());

  /** The most pushes one transaction takes. */
  static final int MAX_BATCH = 128;

  static final String INSERT =
      "INSERT INTO stored_run (organization, repository, workflow, job, run_id, received_at,"
          + " idempotency_key, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

  static final String BY_KEY =
      "SELECT id, run_id, received_at, payload FROM stored_run WHERE organization = ?"
          + " AND repository = ? AND workflow = ? AND job = ? AND idempotency_key = ?";

  /** One push waiting for its commit. */
  private record Pending(
      Scope scope,
      String runId,
      String idempotencyKey,
      String payload,
      CompletableFuture<RunStore.Stored> done) {}

  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Connection connection;
  private final PreparedStatement insert;
  private final PreparedStatement byKey;
  private final Thread thread;
  private volatile boolean running = true;

  /** Starts the writer thread on {@code connection}, which it owns from now on. */
  public RunWriter(Connection connection) throws SQLException {
    this.connection = connection;
    connection.setAutoCommit(false);
    this.insert = connection.prepareStatement(INSERT);
    this.byKey = connection.prepareStatement(BY_KEY);
    this.thread = new Thread(this::run, "receiver-run-writer");
    thread.setDaemon(true);
    thread.start();
  }

  /** Queues a push; the future completes after the commit that stored (or found) it. */
  public CompletableFuture<RunStore.Stored> submit(
      Scope scope, String runId, String idempotencyKey, String payload) {
    CompletableFuture<RunStore.Stored> done = new CompletableFuture<>();
    if (!running) {
      done.completeExceptionally(new IllegalStateException("the receiver is shutting down"));
      return done;
    }
    queue.add(new Pending(scope, runId, idempotencyKey, payload, done));
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
    try {
      for (Pending p : batch) {
        results.add(insertOrFind(p));
      }
      connection.commit();
    } catch (SQLException e) {
      rollback();
      if (batch.size() == 1) {
        batch.get(0).done().completeExceptionally(e);
      } else {
        LOG.log(Level.WARNING, "a batch of " + batch.size() + " failed, storing one by one", e);
        for (Pending p : batch) {
          commit(List.of(p));
        }
      }
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).done().complete(results.get(i));
    }
  }

  private RunStore.Stored insertOrFind(Pending p) throws SQLException {
    Scope scope = p.scope();
    if (p.idempotencyKey() != null) {
      setScope(byKey, scope);
      byKey.setString(5, p.idempotencyKey());
      try (ResultSet earlier = byKey.executeQuery()) {
        if (earlier.next()) {
          return new RunStore.Stored(
              StoredRunEntity.stored(
                  earlier.getLong(1),
                  scope,
                  earlier.getString(2),
                  Instant.ofEpochMilli(earlier.getLong(3)),
                  p.idempotencyKey(),
                  earlier.getString(4)),
              true);
        }
      }
    }
    Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    setScope(insert, scope);
    insert.setString(5, p.runId());
    insert.setLong(6, now.toEpochMilli());
    insert.setString(7, p.idempotencyKey());
    insert.setString(8, p.payload());
    long id;
    try (ResultSet key = insert.executeQuery()) {
      if (!key.next()) {
        throw new SQLException("INSERT … RETURNING id returned no row");
      }
      id = key.getLong(1);
    }
    return new RunStore.Stored(
        StoredRunEntity.stored(id, scope, p.runId(), now, p.idempotencyKey(), p.payload()), false);
  }

  private static void setScope(PreparedStatement statement, Scope scope) throws SQLException {
    statement.setString(1, scope.organization());
    statement.setString(2, scope.repository());
    statement.setString(3, scope.workflow());
    statement.setString(4, scope.job());
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "rollback failed", e);
    }
  }

  /** Stops taking pushes, lets the thread finish its batch, and closes the connection. */
  @Override
  public void close() {
    running = false;
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      insert.close();
      byKey.close();
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "closing the writer's connection failed", e);
    }
  }
}
