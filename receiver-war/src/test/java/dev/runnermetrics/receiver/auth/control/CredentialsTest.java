package dev.runnermetrics.receiver.auth.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CredentialsTest {

  private static Credentials credentials(String readToken, String hmacKey) {
    Credentials credentials = new Credentials();
    credentials.readToken = Optional.ofNullable(readToken);
    credentials.hmacKey = Optional.ofNullable(hmacKey);
    credentials.init();
    return credentials;
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
  void authorizesAPushOnlyForTheTokensOwnCanonicalScope() {
    Credentials credentials = credentials("r", "my-hmac-key");
    String token = credentials.mint(Scope.of("my-org", "my-repo", "ci.yml", "build"));
    assertDoesNotThrow(
        () ->
            credentials.authorizePush(
                token, Scope.of("my-org", "my-org/my-repo", "ci.yml", "build")));
    ProblemException refused =
        assertThrows(
            ProblemException.class,
            () ->
                credentials.authorizePush(token, Scope.of("my-org", "my-repo", "ci.yml", "Build")));
    assertEquals(403, refused.problem().status());
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
  void warnsAboutSecretsShorterThan16Bytes() {
    assertEquals(
        2, credentials("short", "also-short").weakSettings().size(), "both named once each");
    assertEquals(
        java.util.List.of(),
        credentials("0123456789abcdef", "fedcba9876543210").weakSettings(),
        "16 bytes are enough");
    String warning = credentials("0123456789abcdef", "k3y").weakSettings().get(0);
    assertTrue(warning.startsWith(Credentials.HMAC_KEY + " is shorter than 16 bytes"), warning);
    assertFalse(warning.contains("k3y"));
  }
}
