package dev.runnermetrics.common.token;

import dev.runnermetrics.common.scope.Scope;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * A presented push token, parsed into its two forms.
 *
 * <ul>
 *   <li>Plain (the seed's form): 64 lowercase hex digits, HMAC-SHA256 of the canonical scope.
 *   <li>Expiring: {@code v1.<expiry in Unix seconds>.<64 lowercase hex digits>}, where the HMAC
 *       covers {@code "v1\n" + seconds + "\n" + canonical scope}. The expiry is readable (an
 *       operator can see when a token ends) but cannot be changed without the key.
 * </ul>
 *
 * <p>The two signed texts cannot be confused: a canonical scope has exactly three newlines (scope
 * values cannot contain control characters), the expiring text has five. Only the canonical
 * spelling of the seconds (no sign, no leading zero) parses, so each token has one written form.
 * Every character is one a header can carry (RFC 6750 token68).
 */
public final class PushToken {

  /** What an expiring token starts with; the version lets a later format coexist. */
  public static final String EXPIRING_PREFIX = "v1.";

  /** Length of the HMAC part: 32 bytes of HMAC-SHA256 as hex. */
  public static final int MAC_LENGTH = 64;

  /** Seconds up to 12 digits reach the year 33658; more is not a token this code wrote. */
  private static final int MAX_SECONDS_DIGITS = 12;

  private final long expiresAtSeconds;
  private final boolean plain;
  private final String mac;

  private PushToken(boolean plain, long expiresAtSeconds, String mac) {
    this.plain = plain;
    this.expiresAtSeconds = expiresAtSeconds;
    this.mac = mac;
  }

  /** The token {@code text} if it has one of the two forms; nothing is checked against a key. */
  public static Optional<PushToken> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (text.length() == MAC_LENGTH) {
      return isLowerHex(text) ? Optional.of(new PushToken(true, 0, text)) : Optional.empty();
    }
    if (!text.startsWith(EXPIRING_PREFIX)) {
      return Optional.empty();
    }
    int dot = text.indexOf('.', EXPIRING_PREFIX.length());
    if (dot < 0) {
      return Optional.empty();
    }
    String seconds = text.substring(EXPIRING_PREFIX.length(), dot);
    String mac = text.substring(dot + 1);
    if (!isCanonicalSeconds(seconds) || mac.length() != MAC_LENGTH || !isLowerHex(mac)) {
      return Optional.empty();
    }
    return Optional.of(new PushToken(false, Long.parseLong(seconds), mac));
  }

  /** Whether this is the seed's form, without an expiry. */
  public boolean isPlain() {
    return plain;
  }

  /** When the token stops being valid; empty for a plain token. */
  public Optional<Instant> expiresAt() {
    return plain ? Optional.empty() : Optional.of(Instant.ofEpochSecond(expiresAtSeconds));
  }

  /** Whether the token's expiry has come at {@code now} (never for a plain token). */
  public boolean isExpiredAt(Instant now) {
    return !plain && !now.isBefore(Instant.ofEpochSecond(expiresAtSeconds));
  }

  /** The text of an expiring token for {@code mac} and {@code expiresAtSeconds}. */
  static String expiring(long expiresAtSeconds, String mac) {
    return EXPIRING_PREFIX + expiresAtSeconds + '.' + mac;
  }

  /** The text the HMAC of an expiring token covers. */
  static byte[] expiringMessage(long expiresAtSeconds, Scope scope) {
    return ("v1\n" + expiresAtSeconds + '\n' + scope.canonicalString())
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The text this token's HMAC covers for {@code scope}. */
  byte[] signedMessage(Scope scope) {
    return plain
        ? scope.canonicalString().getBytes(StandardCharsets.UTF_8)
        : expiringMessage(expiresAtSeconds, scope);
  }

  /** The HMAC part as ASCII bytes. */
  byte[] macBytes() {
    return mac.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean isCanonicalSeconds(String s) {
    if (s.isEmpty() || s.length() > MAX_SECONDS_DIGITS || (s.length() > 1 && s.charAt(0) == '0')) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Never the token itself: a token must not reach a log through a stray string conversion. */
  @Override
  public String toString() {
    return plain ? "PushToken[plain]" : "PushToken[expires " + expiresAt().orElseThrow() + "]";
  }
}
