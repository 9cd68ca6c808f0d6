package dev.runnermetrics.receiver;

import dev.runnermetrics.receiver.auth.control.Credentials;
import dev.runnermetrics.receiver.retention.control.RetentionSchedule;
import dev.runnermetrics.receiver.runs.control.Database;
import dev.runnermetrics.receiver.runs.control.DatabaseUnusableException;
import dev.runnermetrics.receiver.startup.StartupState;
import dev.runnermetrics.receiver.tokens.control.TokenLifetimes;
import dev.runnermetrics.receiver.web.control.BodyReads;
import dev.runnermetrics.receiver.web.control.MetricsAccess;
import dev.runnermetrics.receiver.web.control.PublicLinks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Checks the configuration and opens the database when the application starts; on a missing secret
 * or an unusable database it logs one line naming the setting and ends the process with exit code
 * 2, because Payara Micro would otherwise keep running and answer 404. Until it has finished,
 * {@link dev.runnermetrics.receiver.startup.StartupGateFilter} answers every request with 503.
 */
@ApplicationScoped
public class ReceiverStartup {

  private static final Logger LOG = Logger.getLogger(ReceiverStartup.class.getName());

  /** Exit code of a start-up refused for configuration. */
  static final int EXIT_CONFIG = 2;

  @Inject Credentials credentials;

  @Inject Database database;

  @Inject TokenLifetimes lifetimes;

  @Inject PublicLinks links;

  @Inject MetricsAccess metricsAccess;

  @Inject RetentionSchedule retention;

  @Inject StartupState state;

  @Inject BodyReads bodyReads;

  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    var missing = credentials.missingSetting();
    if (missing.isPresent()) {
      String name = missing.get();
      fail(
          name
              + " is not set: set environment variable "
              + name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_')
              + " (or --"
              + name.substring(name.indexOf('.') + 1)
              + " with bin/receiver)");
      return;
    }
    var unusable =
        Stream.of(
                credentials.unusableSettings(),
                lifetimes.invalidSetting(),
                links.invalidSetting(),
                metricsAccess.invalidSetting(),
                retention.invalidSetting(),
                bodyReads.invalidSetting())
            .flatMap(Optional::stream)
            .findFirst();
    if (unusable.isPresent()) {
      fail(unusable.get());
      return;
    }
    credentials.weakSettings().forEach(LOG::warning);
    if (!Set.of("OFF", "NORMAL", "FULL", "EXTRA").contains(database.synchronous())) {
      fail("receiver.synchronous must be one of FULL (default), NORMAL, EXTRA or OFF");
      return;
    }
    try {
      database.open();
    } catch (DatabaseUnusableException e) {
      fail("receiver.db is not usable: " + e.getMessage());
      return;
    } catch (Exception e) {
      fail(
          "receiver.db is not usable: cannot open database "
              + database.describe()
              + ": "
              + reason(e));
      return;
    }
    retention.start();
    state.finished();
    LOG.info(
        () -> "receiver ready: database " + database.describe() + " (" + database.pragmas() + ")");
  }

  private static String reason(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    String text = message == null ? root.getClass().getSimpleName() : message;
    return text.replace('\n', ' ');
  }

  /** Logs the reason on one line and exits from a new thread: exiting on this one hangs Payara. */
  private static void fail(String line) {
    LOG.severe(line);
    System.err.println("receiver: " + line);
    new Thread(() -> System.exit(EXIT_CONFIG), "receiver-config-exit").start();
  }
}
