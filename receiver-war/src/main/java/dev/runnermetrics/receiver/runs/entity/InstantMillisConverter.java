package dev.runnermetrics.receiver.runs.entity;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.time.Instant;

/** Stores an {@link Instant} as epoch milliseconds in an SQLite INTEGER. */
@Converter
public class InstantMillisConverter implements AttributeConverter<Instant, Long> {

  @Override
  public Long convertToDatabaseColumn(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  @Override
  public Instant convertToEntityAttribute(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
