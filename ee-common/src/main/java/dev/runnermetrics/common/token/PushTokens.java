package dev.runnermetrics.common.token;

import dev.runnermetrics.common.scope.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Mints and checks push tokens: lowercase hex of HMAC-SHA256(key, canonical scope), where the
 * canonical scope is {@code org + "\n" + repo + "\n" + workflow + "\n" + job}.
 *
 * <p>Tokens are stateless: nothing is stored, and a token is valid for exactly one scope for as
 * long as the key stays the same. Rotating the key revokes every token.
 */
public final class PushTokens {

  /** Length of a token: 32 bytes of HMAC-SHA256 as hex. */
  public static final int TOKEN_LENGTH = 64;

  private final byte[] key;

  /**
   * Uses {@code key} as the HMAC key.
   *
   * @throws IllegalArgumentException when the key is empty
   */
  public PushTokens(byte[] key) {
    if (key.length == 0) {
      throw new IllegalArgumentException("the HMAC key must not be empty");
    }
    this.key = key.clone();
  }

  /** Uses the UTF-8 bytes of {@code key} as the HMAC key. */
  public static PushTokens withKey(String key) {
    return new PushTokens(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The push token for {@code scope}. */
  public String mint(Scope scope) {
    return Hmac.hex(Hmac.sha256(key, scope.canonicalString().getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether {@code presented} is the token for {@code scope}, compared in constant time. */
  public boolean matches(String presented, Scope scope) {
    byte[] expected = mint(scope).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = presented.getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(expected, actual);
  }
}
