package dev.runnermetrics.receiver.tokens.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnermetrics.receiver.problems.entity.ProblemException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenLifetimesTest {

  private static TokenLifetimes lifetimes(String defaultSetting, String maxSetting) {
    TokenLifetimes lifetimes = new TokenLifetimes();
    lifetimes.defaultSetting = Optional.ofNullable(defaultSetting);
    lifetimes.maxSetting = Optional.ofNullable(maxSetting);
    lifetimes.init();
    return lifetimes;
  }

  @Test
  void withoutSettingsAMonthByDefaultAndAYearAtMost() {
    TokenLifetimes lifetimes = lifetimes(null, null);
    assertEquals(Optional.empty(), lifetimes.invalidSetting());
    assertEquals(Duration.ofDays(30), lifetimes.lifetime(null));
    assertEquals(Duration.ofDays(365), lifetimes.lifetime(new BigDecimal(365 * 86_400)));
    assertEquals(400, refused(lifetimes, String.valueOf(365 * 86_400 + 1)).problem().status());
  }

  @Test
  void takesTheAskedLifetimeWithinTheBounds() {
    TokenLifetimes lifetimes = lifetimes("2h", "6h");
    assertEquals(Duration.ofHours(2), lifetimes.lifetime(null));
    assertEquals(Duration.ofSeconds(1), lifetimes.lifetime(BigDecimal.ONE));
    assertEquals(Duration.ofHours(6), lifetimes.lifetime(new BigDecimal("21600")));
    assertEquals(Duration.ofSeconds(1000), lifetimes.lifetime(new BigDecimal("1E+3")));
    assertEquals(Duration.ofSeconds(60), lifetimes.lifetime(new BigDecimal("60.000")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "21601", "1.5", "0.001", "1E+30", "-0"})
  void refusesALifetimeOutsideTheBoundsNamingTheField(String expiresIn) {
    ProblemException refused = refused(lifetimes("2h", "6h"), expiresIn);
    assertEquals(400, refused.problem().status());
    assertEquals("expires_in", refused.problem().field());
    assertEquals(
        "expires_in must be a whole number of seconds from 1 to 21600", refused.problem().detail());
  }

  @Test
  void namesTheBadSetting() {
    assertEquals(
        TokenLifetimes.MAX_LIFETIME,
        firstWord(lifetimes("1h", "forever").invalidSetting().orElseThrow()));
    assertEquals(
        TokenLifetimes.DEFAULT_LIFETIME,
        firstWord(lifetimes("0", "1h").invalidSetting().orElseThrow()));
    assertEquals(
        TokenLifetimes.DEFAULT_LIFETIME + " must not be longer than " + TokenLifetimes.MAX_LIFETIME,
        lifetimes("2d", "1d").invalidSetting().orElseThrow());
    assertEquals(
        TokenLifetimes.DEFAULT_LIFETIME + " must not be longer than " + TokenLifetimes.MAX_LIFETIME,
        lifetimes(null, "1d").invalidSetting().orElseThrow(),
        "a shorter maximum needs a default that fits");
  }

  private static ProblemException refused(TokenLifetimes lifetimes, String expiresIn) {
    return assertThrows(
        ProblemException.class, () -> lifetimes.lifetime(new BigDecimal(expiresIn)));
  }

  private static String firstWord(String line) {
    return line.substring(0, line.indexOf(' '));
  }
}
