package dev.runnermetrics.common.token;

import dev.runnermetrics.common.scope.Scope;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;

/**
 * Mints and checks push tokens under one HMAC key. The plain token is lowercase hex of
 * HMAC-SHA256(key, canonical scope), where the canonical scope is {@code org + "\n" + repo + "\n" +
 * workflow + "\n" + job}; the expiring token also signs its expiry (see {@link PushToken}).
 *
 * <p>Tokens are stateless: nothing is stored, and a token is valid for exactly one scope for as
 * long as the key verifies it (see {@link PushTokenKeys} for rotation).
 */
public final class PushTokens {

  /** Length of a plain token: 32 bytes of HMAC-SHA256 as hex. */
  public static final int TOKEN_LENGTH = PushToken.MAC_LENGTH;

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

  /** The plain (seed-form, never expiring) push token for {@code scope}. */
  public String mint(Scope scope) {
    return Hmac.hex(Hmac.sha256(key, scope.canonicalString().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The expiring push token for {@code scope}, valid before {@code expiresAt} (whole seconds: a
   * fraction is dropped, so the token never outlives the instant asked for).
   *
   * @throws IllegalArgumentException when {@code expiresAt} is before 1970
   */
  public String mint(Scope scope, Instant expiresAt) {
    long seconds = expiresAt.getEpochSecond();
    if (seconds < 0) {
      throw new IllegalArgumentException("an expiry before 1970 cannot be written in a token");
    }
    return PushToken.expiring(
        seconds, Hmac.hex(Hmac.sha256(key, PushToken.expiringMessage(seconds, scope))));
  }

  /**
   * Whether {@code presented} (either form) was minted for {@code scope} under this key, compared
   * in constant time. The expiry is not looked at here: see {@link PushToken#isExpiredAt}.
   */
  public boolean matches(String presented, Scope scope) {
    Optional<PushToken> token = PushToken.parse(presented);
    return token.isPresent() && matches(token.get(), scope);
  }

  /** Whether {@code token} was minted for {@code scope} under this key (constant time). */
  public boolean matches(PushToken token, Scope scope) {
    byte[] expected =
        Hmac.hex(Hmac.sha256(key, token.signedMessage(scope))).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, token.macBytes());
  }
}
