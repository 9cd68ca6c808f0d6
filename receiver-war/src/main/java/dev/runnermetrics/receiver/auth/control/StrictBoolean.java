package dev.runnermetrics.receiver.auth.control;

import java.util.Locale;
import java.util.Optional;

/**
 * A yes/no setting read strictly: {@code true} or {@code false} in any case, nothing else, because
 * MicroProfile Config's own conversion reads a typo such as {@code ture} as false without a word.
 */
public final class StrictBoolean {

  private StrictBoolean() {}

  /** The value of {@code setting}, {@code absent} when not set; empty when it is anything else. */
  public static Optional<Boolean> parse(Optional<String> setting, boolean absent) {
    if (setting.isEmpty()) {
      return Optional.of(absent);
    }
    return switch (setting.get().strip().toLowerCase(Locale.ROOT)) {
      case "true" -> Optional.of(true);
      case "false" -> Optional.of(false);
      default -> Optional.empty();
    };
  }
}
