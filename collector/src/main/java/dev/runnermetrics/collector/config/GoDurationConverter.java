package dev.runnermetrics.collector.config;

import java.time.Duration;
import org.eclipse.microprofile.config.spi.Converter;

/** MicroProfile Config converter for {@link GoDuration} values that must be positive. */
public final class GoDurationConverter implements Converter<Duration> {
  private static final long serialVersionUID = 1L;

  @Override
  public Duration convert(String value) {
    Duration d = GoDuration.parse(value);
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException("must be more than 0");
    }
    return d;
  }
}
