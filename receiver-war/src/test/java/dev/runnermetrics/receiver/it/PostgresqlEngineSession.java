package dev.runnermetrics.receiver.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The PostgreSQL server of the failsafe execution {@code postgresql} ({@code
 * it.engine=postgresql}): started once before the first test class, so that the receiver Arquillian
 * starts signs in to it through the {@code ${it.db.options}} placeholder of arquillian.xml, and
 * stopped when the session ends. A clean data directory under {@code it.postgresql.dir} each time,
 * so every execution begins on an empty database. Does nothing in any other execution (SQLite, the
 * default).
 */
public final class PostgresqlEngineSession implements LauncherSessionListener {

  private EmbeddedPostgres postgres;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!Deployments.POSTGRESQL.equals(Deployments.engine()) || postgres != null) {
      return;
    }
    Path data = Path.of(System.getProperty("it.postgresql.dir", "target/it/postgresql"));
    try {
      Files.createDirectories(data.getParent());
      postgres =
          EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + data, e);
    }
    String url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    System.setProperty(Deployments.DB_URL, url);
    System.setProperty(Deployments.DB_USER, "postgres");
    // Embedded PostgreSQL trusts local sign-ins; the user is what the receiver really needs.
    System.setProperty("it.db.options", "-Dreceiver.db=" + url + " -Dreceiver.db-user=postgres");
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (postgres == null) {
      return;
    }
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
    } finally {
      postgres = null;
    }
  }
}
