package dev.runnermetrics.common.summary;

import jakarta.json.bind.serializer.JsonbSerializer;
import jakarta.json.bind.serializer.SerializationContext;
import jakarta.json.stream.JsonGenerator;

/** Writes {@link Stats} numbers as people read them: {@code 18567168}, not {@code 1.8567168E7}. */
public final class StatsSerializer implements JsonbSerializer<Stats> {

  @Override
  public void serialize(Stats stats, JsonGenerator generator, SerializationContext context) {
    generator.writeStartObject();
    JsonNumbers.write(generator, "peak", stats.peak());
    JsonNumbers.write(generator, "avg", stats.avg());
    JsonNumbers.write(generator, "p50", stats.p50());
    JsonNumbers.write(generator, "p75", stats.p75());
    JsonNumbers.write(generator, "p95", stats.p95());
    JsonNumbers.write(generator, "p99", stats.p99());
    generator.writeEnd();
  }
}
