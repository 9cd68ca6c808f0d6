package dev.runnermetrics.receiver.runs.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The runs database at {@code receiver.db} (see {@link DatabaseTarget}): opened at start-up
 * (migrated first, then the persistence unit created on it, with WAL, a busy timeout and {@code
 * receiver.synchronous} on every SQLite connection), then lends out entity managers and owns the
 * single {@link RunWriter}.
 */
@ApplicationScoped
public class Database {

  /** Connections EclipseLink keeps; the writer uses one at a time, reads may use the rest. */
  static final int POOL_SIZE = 8;

  /** Numbers each Database's EclipseLink session. */
  private static final AtomicInteger SESSIONS = new AtomicInteger();

  @Inject
  @ConfigProperty(name = "receiver.db")
  String db;

  @Inject
  @ConfigProperty(name = "receiver.db-user")
  Optional<String> user;

  @Inject
  @ConfigProperty(name = "receiver.db-password")
  Optional<String> password;

  @Inject
  @ConfigProperty(name = "receiver.db-password-file")
  Optional<String> passwordFile;

  @Inject
  @ConfigProperty(name = "receiver.synchronous")
  String synchronous;

  @Inject
  @ConfigProperty(name = "receiver.busy-timeout-ms")
  int busyTimeoutMillis;

  private volatile EntityManagerFactory emf;

  private volatile RunWriter writer;

  private volatile DatabaseTarget target;

  private final WriteHealth writeHealth = new WriteHealth();

  /** The configured synchronous pragma (SQLite), upper case. */
  public String synchronous() {
    return synchronous.strip().toUpperCase(Locale.ROOT);
  }

  /** What {@code receiver.db} names, for messages: a path or a URL without its query. */
  public String describe() {
    DatabaseTarget t = target;
    return t == null ? db : t.toString();
  }

  /**
   * Resolves the target, checks it (a SQLite file and its directory, creating a missing directory;
   * a first connection), migrates the schema, checks that it takes a write (rolled back), creates
   * the persistence unit and starts the writer.
   *
   * @throws DatabaseUnusableException naming the cause, when a check fails
   * @throws Exception when the database cannot be migrated or opened
   */
  public synchronized void open() throws Exception {
    if (emf != null) {
      return;
    }
    DatabaseTarget resolved = DatabaseTarget.of(db, user, password, passwordFile);
    target = resolved;
    Optional<java.nio.file.Path> file = resolved.file();
    if (file.isPresent()) {
      DatabaseChecks.sqliteFile(file.get());
    }
    // The drivers directly, so a failure names its cause (DriverManager, which Flyway falls back
    // to, does not see the WAR's drivers and answered "No suitable driver found").
    javax.sql.DataSource source = DatabaseChecks.dataSource(resolved);
    DatabaseChecks.connect(resolved, source);
    Migrations.migrate(resolved);
    DatabaseChecks.writable(resolved, source);
    EntityManagerFactory factory =
        Persistence.createEntityManagerFactory(
            resolved.postgres() ? "receiver-postgresql" : "receiver", properties(resolved));
    try {
      factory.createEntityManager().close();
    } catch (RuntimeException e) {
      factory.close();
      throw e;
    }
    emf = factory;
    writer = new RunWriter(factory, Clock.systemUTC(), writeHealth);
  }

  private Map<String, Object> properties(DatabaseTarget t) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("eclipselink.persistencexml", "META-INF/receiver-persistence.xml");
    properties.put("jakarta.persistence.jdbc.url", t.url());
    // Its own EclipseLink session: EclipseLink shares one per unit and URL within a JVM, so two
    // Databases (the tests' two receivers) would otherwise share a pool and preallocated ids.
    properties.put("eclipselink.session-name", "receiver-" + SESSIONS.incrementAndGet());
    properties.put("eclipselink.connection-pool.default.initial", "1");
    properties.put("eclipselink.connection-pool.default.min", "1");
    properties.put("eclipselink.connection-pool.default.max", String.valueOf(POOL_SIZE));
    // Each connection keeps its prepared statements: preparing the same INSERT for every row was
    // a sixth of the writer's CPU on SQLite (bench/results-2026-12.md).
    properties.put("eclipselink.jdbc.cache-statements", "true");
    if (t.postgres()) {
      if (t.user() != null) {
        properties.put("jakarta.persistence.jdbc.user", t.user());
      }
      if (t.password() != null) {
        properties.put("eclipselink.login.encryptor", PlainPassword.class.getName());
        properties.put("jakarta.persistence.jdbc.password", t.password());
      }
    } else {
      String jdbcProperty = "eclipselink.jdbc.property.";
      properties.put(jdbcProperty + "journal_mode", "WAL");
      properties.put(jdbcProperty + "synchronous", synchronous());
      properties.put(jdbcProperty + "busy_timeout", String.valueOf(busyTimeoutMillis));
    }
    return properties;
  }

  /** The single writer (group commit). */
  public RunWriter writer() {
    RunWriter w = writer;
    if (w == null) {
      throw new IllegalStateException("the database is not open");
    }
    return w;
  }

  /** The outcome of the writer's last commit, for readiness. */
  public WriteHealth writeHealth() {
    return writeHealth;
  }

  /** A new entity manager; the caller closes it. */
  public EntityManager entityManager() {
    EntityManagerFactory factory = emf;
    if (factory == null) {
      throw new IllegalStateException("the database is not open");
    }
    return factory.createEntityManager();
  }

  /** Whether the runs table answers a query. */
  public boolean ping() {
    EntityManager em = entityManager();
    try {
      em.createNamedQuery(dev.runnermetrics.receiver.runs.entity.Run.COUNT_ID, Long.class)
          .setParameter("id", 0L)
          .getSingleResult();
      return true;
    } finally {
      em.close();
    }
  }

  /**
   * The SQLite pragmas a pooled connection actually has, e.g. {@code journal_mode=wal synchronous=2
   * busy_timeout=10000}; empty for PostgreSQL.
   */
  public String pragmas() {
    DatabaseTarget t = target;
    if (t == null || t.postgres()) {
      return "";
    }
    EntityManager em = entityManager();
    try {
      em.getTransaction().begin();
      Connection connection = em.unwrap(Connection.class);
      StringBuilder out = new StringBuilder();
      for (String pragma : new String[] {"journal_mode", "synchronous", "busy_timeout"}) {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("PRAGMA " + pragma)) {
          rows.next();
          out.append(pragma).append('=').append(rows.getString(1)).append(' ');
        }
      }
      return out.toString().strip();
    } catch (SQLException e) {
      return "pragmas unreadable: " + e.getMessage();
    } finally {
      if (em.getTransaction().isActive()) {
        em.getTransaction().rollback();
      }
      em.close();
    }
  }

  @PreDestroy
  void close() {
    RunWriter w = writer;
    if (w != null) {
      w.close();
    }
    EntityManagerFactory factory = emf;
    if (factory != null) {
      factory.close();
    }
  }
}
