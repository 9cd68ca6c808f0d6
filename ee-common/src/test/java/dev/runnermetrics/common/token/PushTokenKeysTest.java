package dev.runnermetrics.common.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PushTokenKeysTest {

  private static final Instant EXPIRY = Instant.parse("2027-01-01T00:00:00Z");
  private final Scope scope = Scope.of("my-org", "my-repo", "ci.yml", "build");

  @Test
  void walksARotationFromOneKeyToTheNext() {
    // 1. Only key A: it signs and verifies.
    PushTokenKeys a = PushTokenKeys.of("key-a", List.of());
    String plainA = a.mint(scope);
    String expiringA = a.mint(scope, EXPIRY);
    assertTrue(verifies(a, plainA));
    assertTrue(verifies(a, expiringA));

    // 2. B is added as the signing key, A kept as a previous key: A's tokens still work and new
    // tokens are B's.
    PushTokenKeys ab = PushTokenKeys.of("key-b", List.of("key-a"));
    String plainB = ab.mint(scope);
    String expiringB = ab.mint(scope, EXPIRY);
    assertEquals(PushTokens.withKey("key-b").mint(scope), plainB);
    assertTrue(verifies(ab, plainA));
    assertTrue(verifies(ab, expiringA));
    assertTrue(verifies(ab, plainB));
    assertTrue(verifies(ab, expiringB));
    // A receiver not yet rolled (still on A alone) does not know B's tokens.
    assertFalse(verifies(a, expiringB));

    // 3. A is dropped: its tokens stop working, B's keep working.
    PushTokenKeys b = PushTokenKeys.of("key-b", List.of());
    assertFalse(verifies(b, plainA));
    assertFalse(verifies(b, expiringA));
    assertTrue(verifies(b, plainB));
    assertTrue(verifies(b, expiringB));
  }

  @Test
  void previousKeysNeverSign() {
    PushTokenKeys ring = PushTokenKeys.of("key-b", List.of("key-a"));
    assertFalse(PushTokens.withKey("key-a").matches(ring.mint(scope, EXPIRY), scope));
  }

  @Test
  void anyKeyOfTheRingStillChecksTheScope() {
    PushTokenKeys ring = PushTokenKeys.of("key-b", List.of("key-a", "key-0"));
    String old = PushTokens.withKey("key-0").mint(scope, EXPIRY);
    assertTrue(verifies(ring, old));
    PushToken token = PushToken.parse(old).orElseThrow();
    assertFalse(ring.matches(token, Scope.of("my-org", "my-repo", "ci.yml", "test")));
  }

  private boolean verifies(PushTokenKeys keys, String token) {
    return keys.matches(PushToken.parse(token).orElseThrow(), scope);
  }
}
