package dev.runnermetrics.receiver.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokensTest {

  @ParameterizedTest
  @ValueSource(strings = {"Bearer abc123", "bearer abc123", "BEARER abc123", "Bearer abc123  "})
  void readsTheTokenWhateverTheSchemeCase(String header) {
    assertEquals(Optional.of("abc123"), BearerTokens.parse(header));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"v1.1798761600.a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4ccd"})
  void readsAnExpiringPushTokenWhole(String token) {
    assertEquals(Optional.of(token), BearerTokens.parse("Bearer " + token));
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "Bearer",
        "Bearer ",
        "Basic abc123",
        "Bearerabc123",
        "Bearer abc 123",
        "Bearer a\u00e9b",
        "Token abc123"
      })
  void refusesAnythingElse(String header) {
    assertTrue(BearerTokens.parse(header).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "my-secret-token",
        "A4137AC25C1A3643F2B08AA157D51021357D94045D7EEE972B83B1B09D1B4CCD",
        "a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4cc",
        "a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4ccdd",
        "g4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4ccd",
        "v1.a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4ccd",
        "v1.01798761600.a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4ccd",
        "v2.1798761600.a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4ccd"
      })
  void knowsWhatIsNotAPushToken(String token) {
    assertFalse(BearerTokens.isPushTokenShaped(token));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4ccd",
        "v1.1798761600.a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4ccd"
      })
  void knowsAPushToken(String token) {
    assertTrue(BearerTokens.isPushTokenShaped(token));
  }
}
