package dev.runnermetrics.receiver.operations.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The receiver's own metrics for operators, registered in MicroProfile Metrics' application
 * registry (served by Payara at {@code /metrics} in Prometheus text): pushes stored and refused by
 * reason, push and query latency, group-commit batch sizes, token mints, authentication failures,
 * stored runs and database size. Labels are fixed, small sets (a refusal reason); never a token, a
 * scope value or a run id.
 */
@ApplicationScoped
public class OperationsMetrics {

  /** Batch sizes reported by the run writer, which is not a bean; set once the registry is up. */
  private static volatile Histogram batchSizes;

  @Inject MetricRegistry registry;

  @Inject StorageFigures storage;

  private Counter stored;
  private final Map<RefusalReason, Counter> refused = new EnumMap<>(RefusalReason.class);
  private Counter mints;
  private Counter authFailures;
  private Timer pushes;
  private Timer queries;

  /** Registers everything at start-up, so each metric is exposed (at zero) before traffic. */
  void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
    registry.getNames();
  }

  @PostConstruct
  void register() {
    stored =
        registry.counter(
            meta(
                "receiver_pushes_stored",
                "Pushes answered 200/201: stored, or replayed by idempotency key",
                MetricUnits.NONE));
    Metadata refusals =
        meta(
            "receiver_pushes_refused",
            "Pushes refused, by reason: the status class of the answer",
            MetricUnits.NONE);
    for (RefusalReason reason : RefusalReason.values()) {
      refused.put(reason, registry.counter(refusals, new Tag("reason", reason.label())));
    }
    mints = registry.counter(meta("receiver_token_mints", "Push tokens minted", MetricUnits.NONE));
    authFailures =
        registry.counter(
            meta(
                "receiver_auth_failures",
                "Requests answered 401: missing, wrong or expired bearer token",
                MetricUnits.NONE));
    pushes =
        registry.timer(
            meta(
                "receiver_push_duration",
                "Time to answer a push, its commit included",
                MetricUnits.SECONDS));
    queries =
        registry.timer(
            meta(
                "receiver_query_duration",
                "Time to answer a read of the API (runs, sizing, export)",
                MetricUnits.SECONDS));
    batchSizes =
        registry.histogram(
            meta(
                "receiver_group_commit_batch_size",
                "Pushes per group-commit transaction of the run writer",
                MetricUnits.NONE));
    registry.gauge(
        meta("receiver_stored_runs", "Runs in the database", MetricUnits.NONE),
        storage,
        StorageFigures::storedRuns);
    registry.gauge(
        meta(
            "receiver_database_size",
            "Size of the database: the SQLite file and its WAL, or the PostgreSQL database",
            MetricUnits.BYTES),
        storage,
        StorageFigures::databaseBytes);
  }

  private static Metadata meta(String name, String description, String unit) {
    return Metadata.builder().withName(name).withDescription(description).withUnit(unit).build();
  }

  /** A push was stored (or replayed) and answered in {@code took}. */
  public void pushStored(Duration took) {
    stored.inc();
    pushes.update(took);
  }

  /** A push was refused with {@code status}, answered in {@code took}. */
  public void pushRefused(int status, Duration took) {
    refused.get(RefusalReason.of(status)).inc();
    pushes.update(took);
  }

  /** A read of the API was answered in {@code took}. */
  public void queryAnswered(Duration took) {
    queries.update(took);
  }

  /** A push token was minted. */
  public void tokenMinted() {
    mints.inc();
  }

  /** A request was refused for its credentials (401). */
  public void authFailed() {
    authFailures.inc();
  }

  /**
   * The run writer committed a transaction of {@code size} pushes. The one-line hook in {@code
   * RunWriter}: static because the writer is not a bean.
   */
  public static void batchCommitted(int size) {
    Histogram h = batchSizes;
    if (h != null) {
      h.update(size);
    }
  }
}
