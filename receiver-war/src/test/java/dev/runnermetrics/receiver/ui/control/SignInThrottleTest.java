package dev.runnermetrics.receiver.ui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignInThrottleTest {

  private final MutableClock clock = new MutableClock();
  private SignInThrottle throttle;

  @BeforeEach
  void throttle() {
    throttle = new SignInThrottle();
    throttle.clock = clock;
  }

  @ParameterizedTest(name = "after {0} failures: wait {1} s")
  @CsvSource({
    "0, 0",
    "1, 0",
    "2, 0",
    "3, 1",
    "4, 2",
    "5, 4",
    "10, 128",
    "11, 256",
    "12, 300",
    "1000, 300"
  })
  void waitsDoubleAfterTheFreeFailuresUpToFiveMinutes(int failures, long seconds) {
    assertEquals(Duration.ofSeconds(seconds), SignInThrottle.waitAfter(failures));
  }

  @Test
  void letsTheFirstThreeFailuresThroughThenMakesTheAddressWait() {
    for (int i = 0; i < SignInThrottle.FREE_FAILURES; i++) {
      assertEquals(Optional.empty(), throttle.waitBeforeAttempt("10.0.0.1"));
      throttle.failed("10.0.0.1");
    }
    assertEquals(Optional.of(Duration.ofSeconds(1)), throttle.waitBeforeAttempt("10.0.0.1"));
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("10.0.0.2"), "other addresses");

    clock.advance(Duration.ofMillis(400));
    assertEquals(Optional.of(Duration.ofMillis(600)), throttle.waitBeforeAttempt("10.0.0.1"));
    clock.advance(Duration.ofMillis(600));
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("10.0.0.1"));

    throttle.failed("10.0.0.1");
    assertEquals(Optional.of(Duration.ofSeconds(2)), throttle.waitBeforeAttempt("10.0.0.1"));
  }

  @Test
  void successClearsTheAddress() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("10.0.0.1");
    }
    throttle.succeeded("10.0.0.1");
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("10.0.0.1"));
    assertEquals(0, throttle.size());
  }

  @Test
  void forgetsAnAddressQuietForFifteenMinutes() {
    for (int i = 0; i < 12; i++) {
      throttle.failed("10.0.0.1");
    }
    clock.advance(SignInThrottle.MAX_WAIT);
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("10.0.0.1"));
    throttle.failed("10.0.0.1");
    assertEquals(
        Optional.of(SignInThrottle.MAX_WAIT), throttle.waitBeforeAttempt("10.0.0.1"), "remembered");
    clock.advance(SignInThrottle.FORGET_AFTER);
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("10.0.0.1"));
    throttle.failed("10.0.0.1");
    assertEquals(Optional.empty(), throttle.waitBeforeAttempt("10.0.0.1"), "counting from one");
  }

  @Test
  void keepsAtMostTheBoundOfAddresses() {
    for (int i = 0; i < SignInThrottle.MAX_ADDRESSES + 500; i++) {
      throttle.failed("addr-" + i);
    }
    assertEquals(SignInThrottle.MAX_ADDRESSES, throttle.size());
    for (int i = 0; i < 3; i++) {
      throttle.failed("addr-" + (SignInThrottle.MAX_ADDRESSES + 499));
    }
    assertTrue(
        throttle.waitBeforeAttempt("addr-" + (SignInThrottle.MAX_ADDRESSES + 499)).isPresent());
    assertEquals(SignInThrottle.MAX_ADDRESSES, throttle.size());
  }

  /** A clock the test moves by hand. */
  private static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2026-12-02T12:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
