package dev.runnermetrics.common.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PushTokensTest {

  private final PushTokens tokens = PushTokens.withKey("my-hmac-key");
  private final Scope scope = Scope.of("my-org", "my-repo", "ci.yml", "build");

  @Test
  void mintsHmacOfNewlineJoinedCanonicalScope() {
    // printf 'my-org\nmy-org/my-repo\nci.yml\nbuild' | openssl dgst -sha256 -hmac my-hmac-key
    assertEquals(
        "a4137ac25c1a3643f2b08aa157d51021357d94045d7eee972b83b1b09d1b4ccd", tokens.mint(scope));
  }

  @Test
  void tokenIsSixtyFourLowercaseHexDigits() {
    assertTrue(tokens.mint(scope).matches("[0-9a-f]{" + PushTokens.TOKEN_LENGTH + "}"));
  }

  @Test
  void bareAndQualifiedRepositoryGiveTheSameToken() {
    assertEquals(
        tokens.mint(Scope.of("my-org", "my-org/my-repo", "ci.yml", "build")), tokens.mint(scope));
  }

  @Test
  void acceptsOnlyTheTokenOfTheSameScope() {
    String token = tokens.mint(scope);
    assertTrue(tokens.matches(token, scope));
    assertFalse(tokens.matches(token, Scope.of("my-org", "my-repo", "ci.yml", "test")));
    assertFalse(tokens.matches(token, Scope.of("My-Org", "my-repo", "ci.yml", "build")));
    assertFalse(tokens.matches(token, Scope.of("my-org", "my-repo", "ci.yml", "build ")));
    assertFalse(tokens.matches(token.toUpperCase(java.util.Locale.ROOT), scope));
    assertFalse(tokens.matches(token.substring(1), scope));
    assertFalse(tokens.matches("", scope));
  }

  @Test
  void fieldsCannotBeShiftedAcrossTheSeparator() {
    Scope a = Scope.of("ab", "ab/c", "d", "e");
    Scope b = Scope.of("a", "ab/c", "d", "e");
    assertNotEquals(tokens.mint(a), tokens.mint(b));
  }

  @Test
  void anotherKeyGivesAnotherToken() {
    assertNotEquals(tokens.mint(scope), PushTokens.withKey("other-key").mint(scope));
  }

  @Test
  void expiringTokenSignsScopeAndExpiry() {
    // printf 'v1\n1798761600\nmy-org\nmy-org/my-repo\nci.yml\nbuild' \
    //   | openssl dgst -sha256 -hmac my-hmac-key
    assertEquals(
        "v1.1798761600.be4cb4a7d7a0a3098db07be8daf4beee76626e71268a28501daea30ab5af8470",
        tokens.mint(scope, Instant.parse("2027-01-01T00:00:00Z")));
  }

  @Test
  void expiringTokenDropsFractionsOfASecond() {
    assertEquals(
        tokens.mint(scope, Instant.parse("2027-01-01T00:00:00Z")),
        tokens.mint(scope, Instant.parse("2027-01-01T00:00:00.999Z")));
  }

  @Test
  void expiringTokenIsHeaderSafe() {
    assertTrue(
        tokens
            .mint(scope, Instant.parse("2027-01-01T00:00:00Z"))
            .matches("v1\\.[1-9][0-9]*\\.[0-9a-f]{64}"));
  }

  @Test
  void expiringTokenMatchesOnlyItsScope() {
    String token = tokens.mint(scope, Instant.parse("2027-01-01T00:00:00Z"));
    assertTrue(tokens.matches(token, scope));
    assertFalse(tokens.matches(token, Scope.of("my-org", "my-repo", "ci.yml", "test")));
    assertFalse(PushTokens.withKey("other-key").matches(token, scope));
  }

  @Test
  void editedExpiryIsRefused() {
    String token = tokens.mint(scope, Instant.parse("2027-01-01T00:00:00Z"));
    String later = token.replace("v1.1798761600.", "v1.1798761601.");
    String muchLater = token.replace("v1.1798761600.", "v1.4102444800.");
    assertFalse(tokens.matches(later, scope));
    assertFalse(tokens.matches(muchLater, scope));
  }

  @Test
  void plainAndExpiringFormsDoNotStandInForEachOther() {
    String plain = tokens.mint(scope);
    String expiring = tokens.mint(scope, Instant.parse("2027-01-01T00:00:00Z"));
    assertFalse(tokens.matches("v1.1798761600." + plain, scope));
    assertFalse(tokens.matches(expiring.substring(expiring.lastIndexOf('.') + 1), scope));
  }

  @Test
  void refusesAnExpiryBefore1970() {
    assertThrows(
        IllegalArgumentException.class, () -> tokens.mint(scope, Instant.ofEpochSecond(-1)));
  }

  @Test
  void refusesAnEmptyKey() {
    assertThrows(IllegalArgumentException.class, () -> new PushTokens(new byte[0]));
  }
}
