package dev.runnermetrics.receiver.tokens.control;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A token lifetime setting: a whole number with an optional unit, {@code 3600} or {@code 3600s},
 * {@code 90m}, {@code 12h}, {@code 30d}; at most ten years, which no CI credential should outlive.
 */
public final class Lifetime {

  /** The longest lifetime a setting may name. */
  public static final Duration LONGEST = Duration.ofDays(3650);

  private static final Pattern FORM = Pattern.compile("([1-9][0-9]{0,9})([smhd]?)");

  private Lifetime() {}

  /** The duration {@code text} names, or empty if it is not one of the forms above. */
  public static Optional<Duration> parse(String text) {
    Matcher m = FORM.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    long n = Long.parseLong(m.group(1));
    Duration duration =
        switch (m.group(2)) {
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          case "d" -> Duration.ofDays(n);
          default -> Duration.ofSeconds(n);
        };
    return duration.compareTo(LONGEST) > 0 ? Optional.empty() : Optional.of(duration);
  }
}
