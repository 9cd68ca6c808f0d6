package dev.runnermetrics.common.summary;

import jakarta.json.bind.adapter.JsonbAdapter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * RFC 3339 timestamps in UTC with exactly three fraction digits ({@code 2026-02-06T14:30:02.185Z});
 * reads any RFC 3339 offset.
 */
public final class InstantMillis implements JsonbAdapter<Instant, String> {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** Formats {@code instant} truncated to milliseconds. */
  public static String format(Instant instant) {
    return FORMAT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  /**
   * Parses an RFC 3339 timestamp with any offset.
   *
   * @throws DateTimeParseException when the text is not one
   */
  public static Instant parse(String text) {
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  @Override
  public String adaptToJson(Instant instant) {
    return format(instant);
  }

  @Override
  public Instant adaptFromJson(String text) {
    return parse(text);
  }
}
