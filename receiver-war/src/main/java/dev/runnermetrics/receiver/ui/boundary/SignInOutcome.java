package dev.runnermetrics.receiver.ui.boundary;

/**
 * What the authentication mechanism decided about a sign-in POST, handed to {@link SignInServlet}
 * as a request attribute so that the servlet answers with the right page and status.
 */
enum SignInOutcome {
  /** The read token matched: a session now exists. */
  SIGNED_IN,
  /** The token did not match (no hint why). */
  WRONG_TOKEN,
  /** Too many recent failures from this address: not checked, try later. */
  SLOW_DOWN,
  /** The form was posted from another origin (or without an Origin header): refused. */
  FOREIGN_ORIGIN;

  /** The request attribute carrying the outcome. */
  static final String ATTRIBUTE = SignInOutcome.class.getName();

  /** The request attribute carrying the seconds to wait with {@link #SLOW_DOWN}. */
  static final String RETRY_AFTER = ATTRIBUTE + ".retryAfter";
}
