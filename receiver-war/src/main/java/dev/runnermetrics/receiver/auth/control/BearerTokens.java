package dev.runnermetrics.receiver.auth.control;

import dev.runnermetrics.common.token.PushToken;
import java.util.Locale;
import java.util.Optional;

/** Reads the token out of an {@code Authorization: Bearer <token>} header (RFC 6750). */
public final class BearerTokens {

  private static final String SCHEME = "bearer";

  private BearerTokens() {}

  /**
   * The token of a well-formed bearer header: scheme matched case-insensitively, one or more
   * spaces, then a token of RFC 6750's token68 characters; empty for anything else.
   */
  public static Optional<String> parse(String header) {
    if (header == null || header.length() <= SCHEME.length() + 1) {
      return Optional.empty();
    }
    String scheme = header.substring(0, SCHEME.length());
    if (!scheme.toLowerCase(Locale.ROOT).equals(SCHEME) || header.charAt(SCHEME.length()) != ' ') {
      return Optional.empty();
    }
    String token = header.substring(SCHEME.length() + 1).strip();
    if (token.isEmpty() || !isToken68(token)) {
      return Optional.empty();
    }
    return Optional.of(token);
  }

  /**
   * Whether {@code token} has the form of a push token: {@code v1.<expiry>.<64 hex digits>} or the
   * seed's plain 64 lowercase hex digits. Nothing is checked against a key.
   */
  public static boolean isPushTokenShaped(String token) {
    return PushToken.parse(token).isPresent();
  }

  private static boolean isToken68(String token) {
    int end = token.length();
    while (end > 0 && token.charAt(end - 1) == '=') {
      end--;
    }
    if (end == 0) {
      return false;
    }
    for (int i = 0; i < end; i++) {
      char c = token.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '.'
              || c == '_'
              || c == '~'
              || c == '+'
              || c == '/';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
