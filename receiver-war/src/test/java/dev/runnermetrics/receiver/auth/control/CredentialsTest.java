package dev.runnermetrics.receiver.auth.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.token.PushTokens;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {

  private static final Instant NOW = Instant.parse("2026-12-02T15:00:00.250Z");
  private static final Scope SCOPE = Scope.of("my-org", "my-repo", "ci.yml", "build");

  private static Credentials credentials(String readToken, String hmacKey) {
    return credentials(readToken, hmacKey, null, null);
  }

  private static Credentials credentials(
      String readToken, String hmacKey, String previousKeys, String refusePlain) {
    Credentials credentials = new Credentials();
    credentials.readToken = Optional.ofNullable(readToken);
    credentials.hmacKey = Optional.ofNullable(hmacKey);
    credentials.previousHmacKeys = Optional.ofNullable(previousKeys);
    credentials.refusePlainTokens = Optional.ofNullable(refusePlain);
    credentials.init();
    credentials.clock = Clock.fixed(NOW, ZoneOffset.UTC);
    return credentials;
  }

  private static int refusal(Credentials credentials, String token, Scope scope) {
    return assertThrows(ProblemException.class, () -> credentials.authorizePush(token, scope))
        .problem()
        .status();
  }

  @Test
  void namesTheFirstMissingSetting() {
    assertEquals(Optional.of(Credentials.READ_TOKEN), credentials(null, "k").missingSetting());
    assertEquals(Optional.of(Credentials.READ_TOKEN), credentials("  ", "k").missingSetting());
    assertEquals(Optional.of(Credentials.HMAC_KEY), credentials("r", null).missingSetting());
    assertEquals(Optional.empty(), credentials("r", "k").missingSetting());
  }

  @Test
  void acceptsOnlyTheExactReadToken() {
    Credentials credentials = credentials("my-secret-token", "k");
    assertTrue(credentials.isReadToken("my-secret-token"));
    assertFalse(credentials.isReadToken("my-secret-token "));
    assertFalse(credentials.isReadToken("MY-SECRET-TOKEN"));
    assertFalse(credentials(null, "k").isReadToken(""));
  }

  @Test
  void mintsATokenThatExpiresAfterTheLifetimeFromTheWholeSecond() {
    MintedToken minted = credentials("r", "my-hmac-key").mint(SCOPE, Duration.ofHours(6));
    assertEquals(Instant.parse("2026-12-02T21:00:00Z"), minted.expiresAt());
    assertEquals(PushTokens.withKey("my-hmac-key").mint(SCOPE, minted.expiresAt()), minted.token());
    assertFalse(minted.toString().contains(minted.token()));
  }

  @Test
  void authorizesAPushOnlyForTheTokensOwnCanonicalScope() {
    Credentials credentials = credentials("r", "my-hmac-key");
    String token = credentials.mint(SCOPE, Duration.ofHours(1)).token();
    assertDoesNotThrow(
        () ->
            credentials.authorizePush(
                token, Scope.of("my-org", "my-org/my-repo", "ci.yml", "build")));
    assertEquals(
        403, refusal(credentials, token, Scope.of("my-org", "my-repo", "ci.yml", "Build")));
  }

  @Test
  void acceptsATokenJustBeforeItsExpiryAndRefusesItFromThenOn() {
    Credentials credentials = credentials("r", "my-hmac-key");
    String token = credentials.mint(SCOPE, Duration.ofSeconds(60)).token();
    Instant expiry = Instant.parse("2026-12-02T15:01:00Z");

    credentials.clock = Clock.fixed(expiry.minusMillis(1), ZoneOffset.UTC);
    assertDoesNotThrow(() -> credentials.authorizePush(token, SCOPE));
    assertTrue(credentials.refusalBeforeBody(token).isEmpty());

    credentials.clock = Clock.fixed(expiry, ZoneOffset.UTC);
    ProblemException expired =
        assertThrows(ProblemException.class, () -> credentials.authorizePush(token, SCOPE));
    assertEquals(401, expired.problem().status());
    assertEquals(
        "the push token expired at 2026-12-02T15:01:00Z; mint a new one with POST /api/v1/token",
        expired.problem().detail());
    assertEquals(
        Credentials.INVALID_TOKEN_CHALLENGE.get("WWW-Authenticate"),
        expired.headers().get("WWW-Authenticate"));
    assertEquals(
        401, credentials.refusalBeforeBody(token).orElseThrow().problem().status(), "early too");
  }

  @Test
  void refusesATokenWhoseExpiryWasEdited() {
    Credentials credentials = credentials("r", "my-hmac-key");
    String token = credentials.mint(SCOPE, Duration.ofSeconds(60)).token();
    long expiry = Instant.parse("2026-12-02T15:01:00Z").getEpochSecond();
    String extended = token.replace("v1." + expiry + ".", "v1." + (expiry + 86_400) + ".");
    assertFalse(extended.equals(token), token);
    assertTrue(credentials.refusalBeforeBody(extended).isEmpty(), "looks fine before the body");
    assertEquals(403, refusal(credentials, extended, SCOPE));
  }

  @Test
  void acceptsPlainSeedTokensByDefault() {
    Credentials credentials = credentials("r", "my-hmac-key");
    String plain = PushTokens.withKey("my-hmac-key").mint(SCOPE);
    assertTrue(credentials.refusalBeforeBody(plain).isEmpty());
    credentials.clock = Clock.fixed(Instant.parse("2999-01-01T00:00:00Z"), ZoneOffset.UTC);
    assertDoesNotThrow(() -> credentials.authorizePush(plain, SCOPE), "plain tokens never expire");
  }

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", " true "})
  void refusesPlainSeedTokensWhenTheSettingSaysSo(String setting) {
    Credentials credentials = credentials("r", "my-hmac-key", null, setting);
    String plain = PushTokens.withKey("my-hmac-key").mint(SCOPE);
    ProblemException early = credentials.refusalBeforeBody(plain).orElseThrow();
    assertEquals(401, early.problem().status());
    assertTrue(early.problem().detail().contains(Credentials.REFUSE_PLAIN_TOKENS));
    assertEquals(401, refusal(credentials, plain, SCOPE));
    String expiring = credentials.mint(SCOPE, Duration.ofHours(1)).token();
    assertDoesNotThrow(() -> credentials.authorizePush(expiring, SCOPE));
  }

  @Test
  void refusesWhatIsNotAPushTokenWithA401() {
    Credentials credentials = credentials("r", "my-hmac-key");
    assertEquals(401, refusal(credentials, "nonsense", SCOPE));
    assertEquals(401, credentials.refusalBeforeBody("nonsense").orElseThrow().problem().status());
  }

  @Test
  void walksAKeyRotationThroughTheSettings() {
    // 1. Key A alone.
    Credentials a = credentials("r", "key-a-0123456789abcdef");
    String tokenA = a.mint(SCOPE, Duration.ofDays(30)).token();
    String plainA = PushTokens.withKey("key-a-0123456789abcdef").mint(SCOPE);

    // 2. B signs, A is a previous key: A's tokens keep working, new tokens are B's.
    Credentials ab = credentials("r", "key-b-0123456789abcdef", "key-a-0123456789abcdef", null);
    String tokenB = ab.mint(SCOPE, Duration.ofDays(30)).token();
    assertDoesNotThrow(() -> ab.authorizePush(tokenA, SCOPE));
    assertDoesNotThrow(() -> ab.authorizePush(plainA, SCOPE));
    assertDoesNotThrow(() -> ab.authorizePush(tokenB, SCOPE));
    assertEquals(403, refusal(a, tokenB, SCOPE), "a receiver not yet rolled refuses B's tokens");

    // 3. A dropped: its tokens stop, B's keep working.
    Credentials b = credentials("r", "key-b-0123456789abcdef", " ", null);
    assertEquals(403, refusal(b, tokenA, SCOPE));
    assertEquals(403, refusal(b, plainA, SCOPE));
    assertDoesNotThrow(() -> b.authorizePush(tokenB, SCOPE));
  }

  @Test
  void readsSeveralPreviousKeysSeparatedByCommas() {
    Credentials ring = credentials("r", "key-c", "key-a, key-b", null);
    for (String key : List.of("key-a", "key-b", "key-c")) {
      String token = PushTokens.withKey(key).mint(SCOPE, NOW.plusSeconds(60));
      assertDoesNotThrow(() -> ring.authorizePush(token, SCOPE), key);
    }
    assertEquals(Optional.empty(), ring.unusableSettings());
  }

  @ParameterizedTest
  @ValueSource(strings = {"key-a,", ",key-a", "key-a,,key-b", "key-a, ,key-b"})
  void refusesAnEmptyPreviousKeyWithoutShowingAny(String setting) {
    Optional<String> refusal = credentials("r", "k", setting, null).unusableSettings();
    assertTrue(refusal.orElseThrow().startsWith(Credentials.PREVIOUS_HMAC_KEYS + " has an empty"));
    assertFalse(refusal.get().contains("key-a"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "1", "on", "ture", ""})
  void refusesARefusePlainTokensSettingThatIsNotTrueOrFalse(String setting) {
    assertEquals(
        Optional.of(Credentials.REFUSE_PLAIN_TOKENS + " must be true or false"),
        credentials("r", "k", null, setting).unusableSettings());
  }

  @Test
  void refusesAReadTokenEqualToTheHmacKeyWithoutNamingIt() {
    String secret = "0123456789abcdef-same";
    Optional<String> refusal = credentials(secret, secret).unusableSettings();
    assertTrue(refusal.isPresent());
    assertTrue(refusal.get().contains(Credentials.READ_TOKEN + " and " + Credentials.HMAC_KEY));
    assertFalse(refusal.get().contains(secret));
    assertEquals(Optional.empty(), credentials(secret, secret + "x").unusableSettings());
  }

  @Test
  void refusesAReadTokenEqualToAPreviousKeyWithoutNamingIt() {
    String secret = "0123456789abcdef-same";
    Optional<String> refusal =
        credentials(secret, "another-key-0123456789", "old-key-0123456789ab," + secret, null)
            .unusableSettings();
    assertTrue(refusal.orElseThrow().contains(Credentials.PREVIOUS_HMAC_KEYS));
    assertFalse(refusal.get().contains(secret));
  }

  @Test
  void warnsAboutSecretsShorterThan16Bytes() {
    assertEquals(
        2, credentials("short", "also-short").weakSettings().size(), "both named once each");
    assertEquals(
        List.of(),
        credentials("0123456789abcdef", "fedcba9876543210").weakSettings(),
        "16 bytes are enough");
    String warning = credentials("0123456789abcdef", "k3y").weakSettings().get(0);
    assertTrue(warning.startsWith(Credentials.HMAC_KEY + " is shorter than 16 bytes"), warning);
    assertFalse(warning.contains("k3y"));
    List<String> previous =
        credentials("0123456789abcdef", "fedcba9876543210", "old", null).weakSettings();
    assertEquals(1, previous.size());
    assertTrue(previous.get(0).startsWith(Credentials.PREVIOUS_HMAC_KEYS), previous.get(0));
    assertFalse(previous.get(0).contains("old "));
  }
}
