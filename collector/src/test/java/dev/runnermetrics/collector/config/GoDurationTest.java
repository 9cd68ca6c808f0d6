package dev.runnermetrics.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, 500000000",
    "2s, 2000000000",
    "1m, 60000000000",
    "1h30m, 5400000000000",
    "1.5s, 1500000000",
    "250us, 250000",
    "10ns, 10",
    "0, 0"
  })
  void parsesGoDurations(String text, long nanos) {
    assertEquals(Duration.ofNanos(nanos), GoDuration.parse(text));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "2", "2x", "s", "1..5s", "-2s", "2 s x"})
  void rejectsWhatGoRejects(String text) {
    assertThrows(IllegalArgumentException.class, () -> GoDuration.parse(text));
  }

  @ParameterizedTest
  @CsvSource({"2s, 2s", "500ms, 500ms", "1h30m, 1h30m", "90s, 1m30s"})
  void formatsLikeGo(String in, String out) {
    assertEquals(out, GoDuration.format(GoDuration.parse(in)));
  }
}
