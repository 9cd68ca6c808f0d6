package dev.runnermetrics.receiver.retention.control;

import dev.runnermetrics.receiver.tokens.control.Lifetime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long runs are kept, from {@value #SETTING}: a duration in the token lifetimes' forms ({@code
 * 90d}, {@code 12h}, {@code 3600s}); unset or blank keeps everything.
 *
 * @param keep how long a run is kept after it was received; empty keeps runs forever
 */
public record RetentionPolicy(Optional<Duration> keep) {

  /** The setting. */
  public static final String SETTING = "receiver.retention";

  /** Keeps everything. */
  public static final RetentionPolicy FOREVER = new RetentionPolicy(Optional.empty());

  /**
   * The policy {@code text} names.
   *
   * @throws IllegalArgumentException with one line naming the setting when it is not a duration
   */
  public static RetentionPolicy parse(Optional<String> text) {
    if (text.isEmpty() || text.get().isBlank()) {
      return FOREVER;
    }
    Duration keep =
        Lifetime.parse(text.get())
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        SETTING
                            + " must be a duration such as 90d, 12h or 3600s (at most 3650d),"
                            + " or unset to keep every run"));
    return new RetentionPolicy(Optional.of(keep));
  }

  /** Runs received before this instant are due for deletion; empty when everything is kept. */
  public Optional<Instant> cutoff(Clock clock) {
    return keep.map(k -> clock.instant().minus(k));
  }
}
