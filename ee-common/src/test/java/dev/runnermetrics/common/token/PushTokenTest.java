package dev.runnermetrics.common.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PushTokenTest {

  private static final String MAC =
      "a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4ccd";

  @Test
  void parsesThePlainForm() {
    PushToken token = PushToken.parse(MAC).orElseThrow();
    assertTrue(token.isPlain());
    assertTrue(token.expiresAt().isEmpty());
    assertFalse(token.isExpiredAt(Instant.MAX));
  }

  @Test
  void parsesTheExpiringFormAndItsExpiry() {
    PushToken token = PushToken.parse("v1.1798761600." + MAC).orElseThrow();
    assertFalse(token.isPlain());
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), token.expiresAt().orElseThrow());
  }

  @Test
  void expiresAtItsInstantNotBefore() {
    PushToken token = PushToken.parse("v1.1798761600." + MAC).orElseThrow();
    Instant expiry = Instant.parse("2027-01-01T00:00:00Z");
    assertFalse(token.isExpiredAt(expiry.minusMillis(1)));
    assertTrue(token.isExpiredAt(expiry));
    assertTrue(token.isExpiredAt(expiry.plusSeconds(1)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "A4137AC25C1A3643F2B08AA157D51021357D94045D7EEE972B83B1B09D1B4CCD",
        "a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4cc",
        "v1." + MAC,
        "v1.." + MAC,
        "v1.01798761600." + MAC,
        "v1.+1798761600." + MAC,
        "v1.-1." + MAC,
        "v1.1798761600.0." + MAC,
        "v1.1798761600",
        "v1.1798761600.",
        "v1.1798761600." + MAC + "0",
        "v1.1234567890123." + MAC,
        "v2.1798761600." + MAC,
        "V1.1798761600." + MAC,
        "v1.1798761600 ." + MAC,
        "v1.١٧٩٨٧٦١٦٠٠." + MAC
      })
  void refusesEverythingElse(String text) {
    assertTrue(PushToken.parse(text).isEmpty(), text);
  }

  @Test
  void neverShowsItselfInAString() {
    String text = "v1.1798761600." + MAC;
    assertFalse(PushToken.parse(text).orElseThrow().toString().contains(MAC));
    assertFalse(PushToken.parse(MAC).orElseThrow().toString().contains(MAC));
  }
}
