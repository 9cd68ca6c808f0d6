package dev.runnermetrics.receiver.it;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The one deployment every Arquillian test uses: the WAR the build just packaged, as shipped, on
 * the database engine of the failsafe execution ({@code it.engine}: SQLite by default, PostgreSQL
 * in the execution {@code postgresql}, see {@link PostgresqlEngineSession}).
 */
public final class Deployments {

  /** Read token configured in arquillian.xml. */
  public static final String READ_TOKEN = "it-read-token";

  /** HMAC key configured in arquillian.xml. */
  public static final String HMAC_KEY = "it-hmac-key";

  /** The value of {@code it.engine} in the failsafe execution that runs on PostgreSQL. */
  public static final String POSTGRESQL = "postgresql";

  /** System property: the JDBC URL of the PostgreSQL database the receiver uses. */
  static final String DB_URL = "it.db.url";

  /** System property: the PostgreSQL user the receiver signs in as. */
  static final String DB_USER = "it.db.user";

  private Deployments() {}

  /** The engine the deployed receiver stores runs in: {@code sqlite} or {@code postgresql}. */
  public static String engine() {
    return System.getProperty("it.engine", "sqlite");
  }

  /**
   * How many runs of this organisation and workflow the receiver's database holds, read with JDBC
   * from the engine of this execution (not through the receiver), so a test can check that a run
   * the API acknowledged really is in that database.
   */
  public static long storedRuns(String organization, String workflow) {
    try (Connection db = open();
        PreparedStatement count =
            db.prepareStatement(
                "SELECT COUNT(*) FROM stored_run WHERE organization = ? AND workflow = ?")) {
      count.setString(1, organization);
      count.setString(2, workflow);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot count stored runs on " + engine(), e);
    }
  }

  private static Connection open() throws SQLException {
    if (POSTGRESQL.equals(engine())) {
      String url = System.getProperty(DB_URL);
      if (url == null) {
        throw new IllegalStateException("it.engine=postgresql but no PostgreSQL was started");
      }
      return DriverManager.getConnection(url, System.getProperty(DB_USER), "");
    }
    return DriverManager.getConnection(
        "jdbc:sqlite:"
            + new File(System.getProperty("it.sqlite.db", "target/it/arquillian/receiver.db"))
                .getAbsolutePath());
  }

  /** target/receiver.war, unchanged, so the tests exercise the artifact users run. */
  public static WebArchive receiver() {
    File war = new File(System.getProperty("receiver.war", "target/receiver.war"));
    return ShrinkWrap.createFromZipFile(WebArchive.class, war);
  }

  /**
   * The server's base URI on loopback: the adapter reports the machine's external address, but the
   * server only listens on 127.0.0.1.
   */
  public static URI base(URL deployed) {
    return URI.create("http://127.0.0.1:" + deployed.getPort() + "/");
  }
}
