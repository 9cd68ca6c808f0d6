package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.token.PushTokens;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15, items 3 and 6, as the process behaves: run as a user who cannot write the database (a
 * 0444 file in a writable directory, a directory it cannot write), the receiver stops at start with
 * exit 2 and one line naming the cause; and readiness goes DOWN while commits fail and UP again
 * after one succeeds.
 */
class DatabaseFailuresIT {

  private static final String READ = "failures-read-token-8d1c3e";
  private static final String KEY = "failures-hmac-key-2b7f90";

  /** Runs the receiver as nobody (the tests run as root, who may write any file). */
  private static final List<String> AS_NOBODY =
      List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups");

  @TempDir Path dir;

  private Path log(String name) {
    return Path.of("target", "it", "database-failures", name + "-" + System.nanoTime() + ".log");
  }

  private Map<String, String> env(Path db) {
    return Map.of(
        "RECEIVER_READ_TOKEN",
        READ,
        "RECEIVER_HMAC_KEY",
        KEY,
        "RECEIVER_DB",
        db.toString(),
        "HOME",
        dir.toString());
  }

  private Path nobodysDirectory(String name) throws IOException, InterruptedException {
    assumeNobodyCanRun();
    Path d = Files.createDirectories(dir.resolve(name));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwxrwxrwx"));
    return d;
  }

  private static void assumeNobodyCanRun() throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root) {
      System.out.println("DatabaseFailuresIT: not root, so cannot start the receiver as nobody");
    }
    assumeTrue(root, "needs root to start the receiver as nobody");
    Process probe =
        new ProcessBuilder(
                concat(
                    AS_NOBODY,
                    List.of(
                        "test",
                        "-r",
                        Path.of(System.getProperty("receiver.war", "target/receiver.war"))
                            .toAbsolutePath()
                            .toString())))
            .inheritIO()
            .start();
    boolean works = probe.waitFor() == 0;
    if (!works) {
      System.out.println("DatabaseFailuresIT: setpriv as nobody failed or cannot read the WAR");
    }
    assumeTrue(works, "setpriv as nobody cannot read the WAR");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private void assertRefused(Path db, String expectedLine) throws Exception {
    try (ReceiverProcess receiver = ReceiverProcess.javaJarAs(AS_NOBODY, env(db), log("nobody"))) {
      int exit = receiver.awaitExit();
      String output = receiver.output();
      assertEquals(2, exit, output);
      List<String> lines = output.lines().filter(l -> l.startsWith("receiver: ")).toList();
      assertEquals(List.of("receiver: " + expectedLine), lines, output);
      assertFalse(output.contains(READ) || output.contains(KEY), "no secret in the output");
    }
  }

  @Test
  void aReadOnlyDatabaseFileStopsTheStart() throws Exception {
    Path folder = nobodysDirectory("ro");
    Path db = folder.resolve("metrics.db");
    sql(db, "CREATE TABLE created_by_root (x INTEGER)");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("r--r--r--"));
    assertRefused(
        db,
        "receiver.db is not usable: "
            + db
            + " is read-only for this user: the receiver stores every push in it");
  }

  @Test
  void anUnwritableDirectoryStopsTheStart() throws Exception {
    nobodysDirectory("unused");
    Path folder = Files.createDirectories(dir.resolve("roots-only"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path db = folder.resolve("metrics.db");
    assertRefused(
        db,
        "receiver.db is not usable: the directory "
            + folder
            + " is not writable by this user: SQLite creates its journal files (-wal, -shm)"
            + " next to the database");
  }

  @Test
  void readinessIsDownWhileCommitsFailAndUpAfterOneSucceeds() throws Exception {
    Path db = dir.resolve("metrics.db");
    String[] s = {"my-org", "my-org/my-repo", "ci.yml", "build"};
    String token = PushTokens.withKey(KEY).mint(Scope.of(s[0], s[1], s[2], s[3]));
    try (ReceiverProcess process = ReceiverProcess.javaJar(env(db), log("readiness"))) {
      Receiver receiver = new Receiver(process.base(), READ);
      process.awaitReady(receiver);
      assertEquals(201, push(receiver, token, s, "run-1").statusCode());

      // A real refusal by the engine on every insert, as a disk that filled up would give.
      sql(
          db,
          "CREATE TRIGGER refuse BEFORE INSERT ON stored_run"
              + " BEGIN SELECT RAISE(ABORT, 'disk full'); END");
      HttpResponse<String> failed = push(receiver, token, s, "run-2");
      assertTrue(failed.statusCode() >= 500, failed.statusCode() + " " + failed.body());
      HttpResponse<String> down = receiver.get("health/ready", null);
      assertEquals(503, down.statusCode(), down.body());
      assertTrue(down.body().contains("DOWN"), down.body());

      sql(db, "DROP TRIGGER refuse");
      assertEquals(201, push(receiver, token, s, "run-3").statusCode());
      assertTrue(receiver.ready(), "UP again after a commit went through");
    }
  }

  private static HttpResponse<String> push(
      Receiver receiver, String token, String[] s, String runId) {
    return receiver.push(token, Bodies.push(s[0], s[1], s[2], s[3], runId), null);
  }

  private static void sql(Path db, String statement) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement st = c.createStatement()) {
      st.execute(statement);
    }
  }
}
