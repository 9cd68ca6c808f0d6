package dev.runnermetrics.receiver.retention.control;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.logging.Logger;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Makes a SQLite file able to give pages back: {@code auto_vacuum=INCREMENTAL}, which a file with
 * tables only takes through one {@code VACUUM} (a rewrite of the file, outside any transaction,
 * needing free disk about its size). Done once, at the start-up of a receiver with retention,
 * before it takes pushes; receivers without retention never pay for it.
 */
public final class SqliteVacuumMode {

  private static final Logger LOG = Logger.getLogger(SqliteVacuumMode.class.getName());

  /** {@code PRAGMA auto_vacuum} of INCREMENTAL. */
  static final int INCREMENTAL = 2;

  private SqliteVacuumMode() {}

  /**
   * Sets {@code auto_vacuum=INCREMENTAL} on the SQLite database at {@code url} unless it has it.
   *
   * @return whether the file was rewritten
   */
  public static boolean ensureIncremental(String url, int busyTimeoutMillis) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(busyTimeoutMillis);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl(url);
    try (Connection connection = source.getConnection();
        Statement statement = connection.createStatement()) {
      if (mode(statement) == INCREMENTAL) {
        return false;
      }
      long start = System.nanoTime();
      statement.executeUpdate("PRAGMA auto_vacuum = INCREMENTAL");
      statement.executeUpdate("VACUUM");
      long millis = (System.nanoTime() - start) / 1_000_000;
      LOG.info(
          () -> "retention: the SQLite file now gives pages back (VACUUM took " + millis + " ms)");
      return mode(statement) == INCREMENTAL;
    }
  }

  static int mode(Statement statement) throws SQLException {
    try (ResultSet rows = statement.executeQuery("PRAGMA auto_vacuum")) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
