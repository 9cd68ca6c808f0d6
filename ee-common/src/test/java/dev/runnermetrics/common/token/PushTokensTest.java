package dev.runnermetrics.common.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
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
  void refusesAnEmptyKey() {
    assertThrows(IllegalArgumentException.class, () -> new PushTokens(new byte[0]));
  }
}
