package dev.runnermetrics.receiver.auth.control;

import java.time.Instant;

/** A freshly minted push token and the instant from which it is refused. */
public record MintedToken(String token, Instant expiresAt) {

  /** Never the token itself, so that a stray string conversion cannot log it. */
  @Override
  public String toString() {
    return "MintedToken[expiresAt=" + expiresAt + "]";
  }
}
