package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, items 3 and 6: each database that cannot be used at start names its real cause, the
 * start makes a real (rolled back) write, and the writer's commits drive {@link WriteHealth}. The
 * cases that need a non-root user (a read-only file, an unwritable directory) are in {@code
 * DatabaseFailuresIT}, which runs the receiver as {@code nobody}.
 */
class DatabaseFailuresTest {

  @TempDir Path dir;

  private static String refusal(Path db) {
    DatabaseUnusableException e =
        assertThrows(DatabaseUnusableException.class, () -> Databases.sqlite(db).close());
    assertFalse(e.getMessage().contains("No suitable driver"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e.getMessage();
  }

  @Test
  void aDirectoryIsNamedAsOne() throws Exception {
    Path db = Files.createDirectories(dir.resolve("metrics.db"));
    assertEquals(db + " is a directory, not a database file", refusal(db));
  }

  @Test
  void aFileThatIsNotSqliteIsNamedAsOne() throws Exception {
    Path text = Files.writeString(dir.resolve("notes.txt"), "these are not the runs\n");
    assertEquals(
        text + " is not a SQLite database (it does not start with \"SQLite format 3\")",
        refusal(text));
    Path shortFile =
        Files.write(dir.resolve("short.db"), "SQLite".getBytes(StandardCharsets.UTF_8));
    assertTrue(refusal(shortFile).contains("is not a SQLite database"));
    assertEquals("these are not the runs\n", Files.readString(text), "the file is left alone");
  }

  @Test
  void aParentThatIsAFileIsNamed() throws Exception {
    Path file = Files.writeString(dir.resolve("plain-file"), "x");
    String line = refusal(file.resolve("deeper/metrics.db"));
    assertEquals(
        file + " is a file, not a directory: the database cannot be created below it", line);
  }

  @Test
  void anEmptyFileAndAMissingFolderAreFine() throws Exception {
    Path empty = Files.createFile(dir.resolve("empty.db"));
    Databases.sqlite(empty).close();
    Path nested = dir.resolve("a/b/metrics.db");
    Database database = Databases.sqlite(nested);
    database.close();
    assertTrue(Files.isRegularFile(nested));
    assertEquals(0, count(nested), "the start-up write was rolled back");
  }

  @Test
  void aDatabaseThatRefusesWritesStopsTheStart() throws Exception {
    Path db = dir.resolve("metrics.db");
    Databases.sqlite(db).close();
    // A real refusal from the engine for every insert, as a read-only file or a full disk would.
    sql(
        db,
        "CREATE TRIGGER refuse BEFORE INSERT ON stored_run BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    String line = refusal(db);
    assertTrue(line.startsWith("jdbc:sqlite:" + db + " is not writable"), line);
    assertTrue(line.contains("disk full"), line);
  }

  @Test
  void writeHealthFollowsTheWritersCommits() throws Exception {
    Path db = dir.resolve("metrics.db");
    Database database = Databases.sqlite(db);
    try {
      Scope scope = Scope.of("org", "org/repo", "ci.yml", "build");
      RunWriter writer = database.writer();
      writer.submit(scope, "run-1", null, Databases.summary(), "{}").join();
      assertTrue(database.writeHealth().lastFailure().isEmpty(), "UP after a commit");

      sql(
          db,
          "CREATE TRIGGER refuse BEFORE INSERT ON stored_run BEGIN SELECT RAISE(ABORT, 'disk full'); END");
      assertThrows(
          CompletionException.class,
          () -> writer.submit(scope, "run-2", null, Databases.summary(), "{}").join());
      assertTrue(
          database.writeHealth().lastFailure().orElseThrow().contains("disk full"),
          "DOWN after a failed commit: " + database.writeHealth().lastFailure());

      sql(db, "DROP TRIGGER refuse");
      writer.submit(scope, "run-3", null, Databases.summary(), "{}").join();
      assertTrue(database.writeHealth().lastFailure().isEmpty(), "UP again after a commit");
    } finally {
      database.close();
    }
  }

  @Test
  void postgresUnreachableAndRefusedSignInAreTold() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    String secret = "pg-secret-never-printed";
    DatabaseUnusableException unreachable =
        assertThrows(
            DatabaseUnusableException.class,
            () ->
                Databases.open(
                    "jdbc:postgresql://127.0.0.1:" + closed + "/runs",
                    Optional.of("runs"),
                    Optional.of(secret)));
    assertTrue(
        unreachable.getMessage().startsWith("cannot reach PostgreSQL at 127.0.0.1:" + closed),
        unreachable.getMessage());
    assertFalse(unreachable.getMessage().contains(secret));

    try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
      String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
      DatabaseUnusableException refused =
          assertThrows(
              DatabaseUnusableException.class,
              () -> Databases.open(url, Optional.of("nobody-here"), Optional.of(secret)));
      assertTrue(
          refused
              .getMessage()
              .startsWith(
                  "PostgreSQL at 127.0.0.1:"
                      + postgres.getPort()
                      + " refused the sign-in of user nobody-here"),
          refused.getMessage());
      assertFalse(refused.getMessage().contains(secret));
    }
  }

  private static void sql(Path db, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  private static long count(Path db) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT count(*) FROM stored_run")) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
