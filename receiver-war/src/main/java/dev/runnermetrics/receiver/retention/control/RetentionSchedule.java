package dev.runnermetrics.receiver.retention.control;

import dev.runnermetrics.receiver.runs.control.Database;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the {@link RetentionPurge} on the container's managed scheduled executor: a minute after
 * start-up, then every {@link #PERIOD}, when {@value RetentionPolicy#SETTING} is set.
 */
@ApplicationScoped
public class RetentionSchedule {

  private static final Logger LOG = Logger.getLogger(RetentionSchedule.class.getName());

  /** Between two purges: runs expire by the hour, no need to look more often. */
  static final Duration PERIOD = Duration.ofHours(1);

  static final Duration FIRST = Duration.ofMinutes(1);

  /** Pause between two batches, so pushes waiting for the write lock get it first. */
  static final long PAUSE_MILLIS = 50;

  /** How long the one-time VACUUM waits for a lock. */
  static final int VACUUM_BUSY_TIMEOUT_MILLIS = 60_000;

  @Inject
  @ConfigProperty(name = RetentionPolicy.SETTING)
  Optional<String> setting;

  @Inject Database database;

  @Resource ManagedScheduledExecutorService executor;

  /** Test seam: the clock the cutoff is computed from. */
  Clock clock = Clock.systemUTC();

  private ScheduledFuture<?> task;

  private boolean started;

  /** The policy configured; throws when the setting is invalid. */
  RetentionPolicy policy() {
    return RetentionPolicy.parse(setting);
  }

  /** Why the setting cannot be used (one line naming it), if so. */
  public Optional<String> invalidSetting() {
    try {
      policy();
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  /** Schedules the purge (once the database is open); nothing when every run is kept. */
  public synchronized void start() {
    RetentionPolicy policy = policy();
    if (started) {
      return;
    }
    started = true;
    if (policy.keep().isEmpty()) {
      LOG.info("retention: every run is kept (receiver.retention is not set)");
      return;
    }
    if (sqlite()) {
      try {
        SqliteVacuumMode.ensureIncremental(database.describe(), VACUUM_BUSY_TIMEOUT_MILLIS);
      } catch (SQLException e) {
        // Deleting still works; only the file keeps its size (new runs reuse the free pages).
        LOG.log(Level.WARNING, "retention: could not set auto_vacuum=INCREMENTAL", e);
      }
    }
    LOG.info(() -> "retention: runs are kept for " + policy.keep().get() + ", purged hourly");
    task =
        executor.scheduleWithFixedDelay(
            this::purgeLogged, FIRST.toSeconds(), PERIOD.toSeconds(), TimeUnit.SECONDS);
  }

  /**
   * Deletes the runs older than the policy allows, now.
   *
   * @return the number of runs deleted
   */
  public long purgeNow() throws InterruptedException {
    Optional<Instant> cutoff = policy().cutoff(clock);
    if (cutoff.isEmpty()) {
      return 0;
    }
    RetentionPurge purge =
        new RetentionPurge(
            database::entityManager, sqlite(), RetentionPurge.DEFAULT_BATCH, PAUSE_MILLIS);
    return purge.purge(cutoff.get());
  }

  private boolean sqlite() {
    return database.describe().startsWith("jdbc:sqlite:");
  }

  private void purgeLogged() {
    try {
      purgeNow();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // The next period tries again; an exception would cancel the schedule.
      LOG.log(Level.WARNING, "retention: the purge failed, trying again in " + PERIOD, e);
    }
  }

  @PreDestroy
  synchronized void stop() {
    if (task != null) {
      task.cancel(false);
    }
  }
}
