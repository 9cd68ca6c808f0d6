package dev.runnermetrics.receiver.operations.control;

import dev.runnermetrics.receiver.runs.control.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The storage figures the metrics gauges read at each scrape: runs stored and bytes used. NaN when
 * the database is not open or does not answer, so a scrape never fails for them.
 */
@ApplicationScoped
public class StorageFigures {

  private static final Logger LOG = Logger.getLogger(StorageFigures.class.getName());

  private static final String SQLITE = "jdbc:sqlite:";

  @Inject Database database;

  /** The number of stored runs. */
  public double storedRuns() {
    try {
      EntityManager em = database.entityManager();
      try {
        return em.createQuery("SELECT COUNT(r) FROM Run r", Long.class).getSingleResult();
      } finally {
        em.close();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "stored runs unreadable", e);
      return Double.NaN;
    }
  }

  /** The bytes the database takes: SQLite's file and WAL, or PostgreSQL's database. */
  public double databaseBytes() {
    String target = database.describe();
    try {
      if (target.startsWith(SQLITE)) {
        Path file = Path.of(target.substring(SQLITE.length()));
        Path wal = Path.of(file + "-wal");
        return Files.size(file) + (Files.exists(wal) ? Files.size(wal) : 0);
      }
      EntityManager em = database.entityManager();
      try {
        Object size =
            em.createNativeQuery("SELECT pg_database_size(current_database())").getSingleResult();
        return ((Number) size).doubleValue();
      } finally {
        em.close();
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.FINE, "database size unreadable", e);
      return Double.NaN;
    }
  }
}
