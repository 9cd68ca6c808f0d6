package dev.runnermetrics.receiver.retention.control;

import dev.runnermetrics.receiver.runs.control.JobSummaries;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Deletes the runs received before a cutoff, and their container rows, in transactions of at most
 * {@link #batchSize} runs, and rebuilds the summaries of the jobs they belonged to ({@link
 * JobSummaries}) in the same transaction: each one holds the database's write lock only briefly, so
 * the run writer (group commit) waits for at most one small batch. On SQLite the freed pages are
 * then handed back to the file system with {@code PRAGMA incremental_vacuum} (the schema has {@code
 * auto_vacuum=INCREMENTAL}, see {@link SqliteVacuumMode}); PostgreSQL's autovacuum does that
 * itself.
 */
public final class RetentionPurge {

  private static final Logger LOG = Logger.getLogger(RetentionPurge.class.getName());

  /** Runs per transaction by default: milliseconds of lock on SQLite. */
  public static final int DEFAULT_BATCH = 200;

  /** The runs of one batch, oldest first; the subquery is repeated in both deletes. */
  private static final String BATCH =
      "SELECT id FROM stored_run WHERE received_at < ?1 ORDER BY id LIMIT ?2";

  private final Supplier<EntityManager> entityManagers;
  private final boolean sqlite;
  private final int batchSize;
  private final long pauseMillis;

  /**
   * A purge on the entity managers given.
   *
   * @param sqlite whether the database is SQLite (vacuumed after a purge)
   * @param batchSize runs per transaction
   * @param pauseMillis pause between batches, so queued pushes take the lock first
   */
  public RetentionPurge(
      Supplier<EntityManager> entityManagers, boolean sqlite, int batchSize, long pauseMillis) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive");
    }
    this.entityManagers = entityManagers;
    this.sqlite = sqlite;
    this.batchSize = batchSize;
    this.pauseMillis = pauseMillis;
  }

  /**
   * Deletes every run received before {@code cutoff}, batch by batch.
   *
   * @return the number of runs deleted
   */
  public long purge(Instant cutoff) throws InterruptedException {
    long deleted = 0;
    while (true) {
      int runs = deleteBatch(cutoff.toEpochMilli());
      deleted += runs;
      if (runs < batchSize) {
        break;
      }
      if (pauseMillis > 0) {
        Thread.sleep(pauseMillis);
      }
    }
    if (deleted > 0 && sqlite) {
      vacuum();
    }
    long total = deleted;
    LOG.info(() -> "retention: deleted " + total + " runs received before " + cutoff);
    return deleted;
  }

  private int deleteBatch(long cutoffMillis) {
    EntityManager em = entityManagers.get();
    try {
      em.getTransaction().begin();
      // SQLite does not enforce ON DELETE CASCADE unless foreign_keys is on: delete rows
      // explicitly. This write comes first, so the transaction holds SQLite's write lock before it
      // reads which jobs the batch touches.
      em.createNativeQuery("DELETE FROM container_usage WHERE stored_run_id IN (" + BATCH + ")")
          .setParameter(1, cutoffMillis)
          .setParameter(2, batchSize)
          .executeUpdate();
      Connection connection = em.unwrap(Connection.class);
      List<JobSummaries.Job> jobs =
          JobSummaries.jobsOf(
              connection,
              BATCH.replace("?1", "?").replace("?2", "?"),
              statement -> {
                statement.setLong(1, cutoffMillis);
                statement.setInt(2, batchSize);
              });
      int runs =
          em.createNativeQuery("DELETE FROM stored_run WHERE id IN (" + BATCH + ")")
              .setParameter(1, cutoffMillis)
              .setParameter(2, batchSize)
              .executeUpdate();
      // The summaries of the jobs that lost runs, recomputed from what is left in the same
      // transaction: exact, where subtracting would let float sums and maxima drift.
      JobSummaries.rebuild(connection, jobs);
      em.getTransaction().commit();
      return runs;
    } catch (SQLException e) {
      throw new PersistenceException("retention: rebuilding the job summaries failed", e);
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  /**
   * Gives the free pages back; a no-op on a database whose auto_vacuum is not INCREMENTAL. The
   * pragma frees one page per step: {@code executeUpdate} steps it to the end, {@code execute}
   * would stop after the first page (checked with sqlite-jdbc 3.54).
   */
  private void vacuum() {
    EntityManager em = entityManagers.get();
    try {
      em.getTransaction().begin();
      Connection connection = em.unwrap(Connection.class);
      try (Statement statement = connection.createStatement()) {
        statement.executeUpdate("PRAGMA incremental_vacuum");
      }
      em.getTransaction().commit();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "retention: incremental vacuum failed", e);
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }
}
