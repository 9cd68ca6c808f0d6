package dev.runnermetrics.receiver.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LifetimeTest {

  @ParameterizedTest
  @CsvSource({
    "3600, PT1H",
    "3600s, PT1H",
    "90m, PT1H30M",
    "12h, PT12H",
    "30d, PT720H",
    "3650d, PT87600H"
  })
  void readsWholeNumbersWithAUnit(String text, String expected) {
    assertEquals(Optional.of(Duration.parse(expected)), Lifetime.parse(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "0",
        "0s",
        "-1",
        "1.5h",
        "1w",
        "30 d",
        "30D",
        "P30D",
        "1h30m",
        "3651d",
        "99999999999"
      })
  void refusesAnythingElse(String text) {
    assertTrue(Lifetime.parse(text).isEmpty(), text);
  }
}
