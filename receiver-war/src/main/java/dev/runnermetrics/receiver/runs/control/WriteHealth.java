package dev.runnermetrics.receiver.runs.control;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the last commit of the {@link RunWriter} went through: a failed commit makes readiness
 * DOWN (with its reason), the next commit that succeeds makes it UP again. Fed by the writer only,
 * so a query that still works cannot hide a database that stopped taking writes.
 */
public final class WriteHealth {

  private final AtomicReference<String> failure = new AtomicReference<>();

  /** A commit went through. */
  public void committed() {
    failure.set(null);
  }

  /** A commit failed for {@code cause}. */
  public void failed(Throwable cause) {
    failure.set(DatabaseChecks.reason(cause));
  }

  /** The reason of the last commit's failure, empty while commits go through. */
  public Optional<String> lastFailure() {
    return Optional.ofNullable(failure.get());
  }
}
