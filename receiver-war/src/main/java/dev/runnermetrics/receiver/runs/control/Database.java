package dev.runnermetrics.receiver.runs.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The SQLite database at {@code receiver.db}: opened at start-up (parent directory created, schema
 * created, pragmas applied to every pooled connection: WAL, a busy timeout, {@code
 * receiver.synchronous}), then lends out entity managers.
 */
@ApplicationScoped
public class Database {

  /** Connections EclipseLink keeps; writes use one at a time, reads may use the rest. */
  static final int POOL_SIZE = 8;

  @Inject
  @ConfigProperty(name = "receiver.db")
  String db;

  @Inject
  @ConfigProperty(name = "receiver.synchronous")
  String synchronous;

  @Inject
  @ConfigProperty(name = "receiver.busy-timeout-ms")
  int busyTimeoutMillis;

  private volatile EntityManagerFactory emf;

  /** The absolute path of the database file. */
  public Path path() {
    return Path.of(db).toAbsolutePath();
  }

  /** The configured synchronous pragma, upper case. */
  public String synchronous() {
    return synchronous.strip().toUpperCase(Locale.ROOT);
  }

  /**
   * Creates the parent directory, opens the database and creates the schema.
   *
   * @throws Exception when the path cannot hold a SQLite database
   */
  public synchronized void open() throws Exception {
    if (emf != null) {
      return;
    }
    Path path = path();
    if (path.getParent() != null) {
      Files.createDirectories(path.getParent());
    }
    String jdbcProperty = "eclipselink.jdbc.property.";
    Map<String, Object> properties =
        Map.of(
            "jakarta.persistence.jdbc.url",
            "jdbc:sqlite:" + path,
            jdbcProperty + "journal_mode",
            "WAL",
            jdbcProperty + "synchronous",
            synchronous(),
            jdbcProperty + "busy_timeout",
            String.valueOf(busyTimeoutMillis),
            "eclipselink.connection-pool.default.initial",
            "1",
            "eclipselink.connection-pool.default.min",
            "1",
            "eclipselink.connection-pool.default.max",
            String.valueOf(POOL_SIZE),
            "eclipselink.persistencexml",
            "META-INF/receiver-persistence.xml");
    EntityManagerFactory factory = Persistence.createEntityManagerFactory("receiver", properties);
    try {
      withConnection(
          factory,
          connection -> {
            Schema.create(connection);
            return null;
          });
    } catch (RuntimeException e) {
      factory.close();
      throw e;
    }
    emf = factory;
    writer = new RunWriter(connect());
    for (int i = 0; i < READERS; i++) {
      readers.add(connect());
    }
  }

  /** Connections the hot read path (GET of one job) keeps open; WAL lets them read in parallel. */
  static final int READERS = 4;

  private final java.util.concurrent.BlockingQueue<Connection> readers =
      new java.util.concurrent.ArrayBlockingQueue<>(READERS);

  private volatile RunWriter writer;

  /** The single writer (group commit). */
  public RunWriter writer() {
    RunWriter w = writer;
    if (w == null) {
      throw new IllegalStateException("the database is not open");
    }
    return w;
  }

  /**
   * Runs {@code work} on a pooled read connection (plain JDBC: the GET path), waiting at most 30 s
   * for one.
   */
  public <T> T read(SqlWork<T> work) {
    Connection connection;
    try {
      connection = readers.poll(30, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a connection", e);
    }
    if (connection == null) {
      throw new IllegalStateException("no read connection within 30 s");
    }
    try {
      return work.apply(connection);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      readers.add(connection);
    }
  }

  /** A new plain JDBC connection with the receiver's pragmas; the caller closes it. */
  Connection connect() throws SQLException {
    org.sqlite.SQLiteConfig config = new org.sqlite.SQLiteConfig();
    config.setJournalMode(org.sqlite.SQLiteConfig.JournalMode.WAL);
    config.setBusyTimeout(busyTimeoutMillis);
    Connection connection = config.createConnection("jdbc:sqlite:" + path());
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA synchronous=" + synchronous());
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** The pragmas a pooled connection actually has, e.g. {@code journal_mode=wal synchronous=2}. */
  public String pragmas() {
    return withConnection(
        emf(),
        connection -> {
          StringBuilder out = new StringBuilder();
          for (String pragma : new String[] {"journal_mode", "synchronous", "busy_timeout"}) {
            try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA " + pragma)) {
              rows.next();
              out.append(pragma).append('=').append(rows.getString(1)).append(' ');
            }
          }
          return out.toString().strip();
        });
  }

  /** Whether the runs table answers a query. */
  public boolean ping() {
    return withConnection(
        emf(),
        connection -> {
          try (Statement statement = connection.createStatement();
              ResultSet rows =
                  statement.executeQuery("SELECT count(*) FROM stored_run WHERE id = 0")) {
            return rows.next();
          }
        });
  }

  /** A new entity manager; the caller closes it. */
  public EntityManager entityManager() {
    return emf().createEntityManager();
  }

  private EntityManagerFactory emf() {
    EntityManagerFactory factory = emf;
    if (factory == null) {
      throw new IllegalStateException("the database is not open");
    }
    return factory;
  }

  private static <T> T withConnection(EntityManagerFactory factory, SqlWork<T> work) {
    EntityManager em = factory.createEntityManager();
    try {
      em.getTransaction().begin();
      try {
        T result = work.apply(em.unwrap(Connection.class));
        em.getTransaction().commit();
        return result;
      } catch (SQLException e) {
        throw new IllegalStateException(e.getMessage(), e);
      } finally {
        if (em.getTransaction().isActive()) {
          em.getTransaction().rollback();
        }
      }
    } finally {
      em.close();
    }
  }

  @PreDestroy
  void close() {
    RunWriter w = writer;
    if (w != null) {
      w.close();
    }
    for (Connection connection; (connection = readers.poll()) != null; ) {
      try {
        connection.close();
      } catch (SQLException e) {
        // closing anyway
      }
    }
    EntityManagerFactory factory = emf;
    if (factory != null) {
      factory.close();
    }
  }

  /** JDBC work on a pooled connection. */
  @FunctionalInterface
  public interface SqlWork<T> {
    T apply(Connection connection) throws SQLException;
  }
}
