package dev.runnermetrics.receiver.web.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BodyReadsTest {

  private static BodyReads reads(String timeout, String max) {
    BodyReads reads = new BodyReads();
    reads.bodyTimeoutMs = Optional.ofNullable(timeout);
    reads.maxBodyReads = Optional.ofNullable(max);
    reads.init();
    return reads;
  }

  @Test
  void defaultsToTenSecondsAndThirtyTwoReads() {
    BodyReads reads = reads(null, null);
    assertEquals(10_000, reads.timeoutMillis());
    assertEquals(32, reads.maxReads());
    assertEquals(Optional.empty(), reads.invalidSetting());
  }

  @Test
  void takesWholePositiveNumbers() {
    BodyReads reads = reads(" 2500 ", "4");
    assertEquals(2_500, reads.timeoutMillis());
    assertEquals(4, reads.maxReads());
    assertEquals(Optional.empty(), reads.invalidSetting());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "10s", "1.5", "+5", "", "3600001", "99999999999999999999"})
  void refusesATimeoutThatIsNotAWholeNumberOfMilliseconds(String value) {
    assertEquals(
        Optional.of(
            "receiver.body-timeout-ms must be a whole number of milliseconds from 1 to 3600000"),
        reads(value, null).invalidSetting());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "many", "100001"})
  void refusesACapThatIsNotAPositiveWholeNumber(String value) {
    assertEquals(
        Optional.of("receiver.max-body-reads must be a whole number of reads from 1 to 100000"),
        reads(null, value).invalidSetting());
  }

  @Test
  void hasNoMoreSlotsThanItsCapAndGetsThemBack() {
    BodyReads reads = reads(null, "2");
    assertTrue(reads.tryStart());
    assertTrue(reads.tryStart());
    assertFalse(reads.tryStart());
    reads.finished();
    assertTrue(reads.tryStart());
  }
}
