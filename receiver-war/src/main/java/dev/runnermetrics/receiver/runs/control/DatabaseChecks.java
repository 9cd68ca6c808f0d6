package dev.runnermetrics.receiver.runs.control;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteDataSource;

/**
 * What stops a database from being used, found before any driver is asked and named plainly: a
 * SQLite path that is a directory, a file that is not SQLite, a parent that is a file, a folder or
 * file that cannot be written; a PostgreSQL server that cannot be reached or refuses the sign-in; a
 * database that takes no write. Each problem is one {@link DatabaseUnusableException} whose message
 * is the whole line an operator reads. Passwords never appear in a message.
 */
public final class DatabaseChecks {

  /** The first 16 bytes of every SQLite 3 database file. */
  static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

  private DatabaseChecks() {}

  /**
   * Checks the SQLite file {@code file} and its folder before anything opens them, creating a
   * missing folder.
   *
   * @throws DatabaseUnusableException naming what is wrong
   */
  public static void sqliteFile(Path file) throws DatabaseUnusableException {
    Path path = file.toAbsolutePath();
    if (Files.isDirectory(path)) {
      throw new DatabaseUnusableException(path + " is a directory, not a database file");
    }
    Path parent = path.getParent();
    if (parent != null) {
      folder(parent);
    }
    if (Files.exists(path)) {
      existingFile(path);
    }
  }

  private static void folder(Path parent) throws DatabaseUnusableException {
    Path existing = parent;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing != null && !Files.isDirectory(existing)) {
      throw new DatabaseUnusableException(
          existing + " is a file, not a directory: the database " + "cannot be created below it");
    }
    if (!Files.isDirectory(parent)) {
      try {
        Files.createDirectories(parent);
      } catch (IOException e) {
        throw new DatabaseUnusableException(
            "cannot create the directory " + parent + ": " + reason(e), e);
      }
    }
    if (!Files.isWritable(parent)) {
      throw new DatabaseUnusableException(
          "the directory "
              + parent
              + " is not writable by this user: SQLite creates its journal files (-wal, -shm)"
              + " next to the database");
    }
  }

  private static void existingFile(Path path) throws DatabaseUnusableException {
    if (!Files.isRegularFile(path)) {
      throw new DatabaseUnusableException(path + " is not a regular file");
    }
    if (!Files.isReadable(path)) {
      throw new DatabaseUnusableException(path + " is not readable by this user");
    }
    byte[] head = new byte[SQLITE_HEADER.length];
    int read;
    try (InputStream in = Files.newInputStream(path)) {
      read = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new DatabaseUnusableException("cannot read " + path + ": " + reason(e), e);
    }
    // An empty file is a new database: SQLite writes the header on the first write.
    if (read > 0 && (read < head.length || !Arrays.equals(head, SQLITE_HEADER))) {
      throw new DatabaseUnusableException(
          path + " is not a SQLite database (it does not start with \"SQLite format 3\")");
    }
    if (!Files.isWritable(path)) {
      throw new DatabaseUnusableException(
          path + " is read-only for this user: the receiver stores every push in it");
    }
  }

  /** A data source on {@code target} that uses its driver directly, not {@code DriverManager}. */
  public static DataSource dataSource(DatabaseTarget target) {
    if (target.postgres()) {
      PGSimpleDataSource source = new PGSimpleDataSource();
      source.setURL(target.url());
      if (target.user() != null) {
        source.setUser(target.user());
      }
      if (target.password() != null) {
        source.setPassword(target.password());
      }
      return source;
    }
    SQLiteDataSource source = new SQLiteDataSource();
    source.setUrl(target.url());
    return source;
  }

  /**
   * Opens one connection to {@code target} through {@code source} and closes it.
   *
   * @throws DatabaseUnusableException naming why the database cannot be reached
   */
  public static void connect(DatabaseTarget target, DataSource source)
      throws DatabaseUnusableException {
    try (Connection connection = source.getConnection()) {
      connection.isValid(5);
    } catch (SQLException e) {
      throw unreachable(target, e);
    }
  }

  /**
   * Makes a real write in a transaction that is rolled back (a row in the runs table, so the schema
   * must be migrated), so a database that can be read but not written stops the start.
   *
   * @throws DatabaseUnusableException naming why the write was refused
   */
  public static void writable(DatabaseTarget target, DataSource source)
      throws DatabaseUnusableException {
    try (Connection connection = source.getConnection()) {
      probeWrite(connection);
    } catch (SQLException e) {
      throw new DatabaseUnusableException(
          target.describe()
              + " is not writable (a test write, rolled back, was refused): "
              + reason(e),
          e);
    }
  }

  /**
   * Checks that the schema takes a write: inserts a row in {@code stored_run} and rolls it back.
   */
  static void probeWrite(Connection connection) throws SQLException {
    boolean auto = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO stored_run (organization, repository, workflow, job, run_id,"
                + " received_at, payload) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (int i = 1; i <= 5; i++) {
        insert.setString(i, "receiver-start-up-write-check");
      }
      insert.setLong(6, 0L);
      insert.setString(7, "{}");
      insert.executeUpdate();
    } finally {
      connection.rollback();
      connection.setAutoCommit(auto);
    }
  }

  /**
   * The reason a first connection failed: for PostgreSQL "cannot reach host:port" or "refused the
   * sign-in"; for SQLite the driver's own words.
   */
  static DatabaseUnusableException unreachable(DatabaseTarget target, SQLException e) {
    if (!target.postgres()) {
      return new DatabaseUnusableException(
          "cannot open " + target.describe() + ": " + reason(e), e);
    }
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String where = hostAndPort(target.url());
    if (state.startsWith("08")) {
      return new DatabaseUnusableException(
          "cannot reach PostgreSQL at " + where + ": " + reason(e), e);
    }
    if (state.startsWith("28")) {
      return new DatabaseUnusableException(
          "PostgreSQL at "
              + where
              + " refused the sign-in"
              + (target.user() == null ? "" : " of user " + target.user())
              + " (SQLState "
              + state
              + "): check receiver.db-user and receiver.db-password(-file)",
          e);
    }
    if ("3D000".equals(state)) {
      return new DatabaseUnusableException(
          "PostgreSQL at " + where + " has no such database: " + target.describe(), e);
    }
    return new DatabaseUnusableException(
        "cannot open " + target + " (SQLState " + state + "): " + reason(e), e);
  }

  /** {@code host:port} of a PostgreSQL URL, for messages. */
  static String hostAndPort(String url) {
    Properties parsed = org.postgresql.Driver.parseURL(url, null);
    if (parsed == null) {
      return "(unparsable URL)";
    }
    return parsed.getProperty("PGHOST", "localhost") + ":" + parsed.getProperty("PGPORT", "5432");
  }

  /** The innermost cause's message on one line. */
  static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String text = message == null ? root.getClass().getSimpleName() : message;
    return text.replace('\n', ' ').replace('\r', ' ').strip();
  }
}
