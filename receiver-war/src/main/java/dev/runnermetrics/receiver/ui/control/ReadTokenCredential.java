package dev.runnermetrics.receiver.ui.control;

import jakarta.security.enterprise.credential.Credential;

/** The read token as typed into the sign-in form; never logged (no {@code toString} of it). */
public final class ReadTokenCredential implements Credential {

  private final String token;

  public ReadTokenCredential(String token) {
    this.token = token == null ? "" : token;
  }

  /** The token as presented. */
  public String token() {
    return token;
  }

  @Override
  public void clear() {
    // Strings cannot be wiped; the credential does not outlive the request.
  }

  @Override
  public String toString() {
    return "ReadTokenCredential[***]";
  }
}
