package dev.runnermetrics.receiver.operations.control;

import java.util.Locale;

/** Why a push was refused, from the status of its answer: a label with a fixed set of values. */
public enum RefusalReason {
  /** 400: malformed JSON or an invalid field. */
  INVALID,
  /** 401: missing, wrong or expired push token. */
  UNAUTHORIZED,
  /** 403: a valid token for another scope. */
  FORBIDDEN,
  /** 413: body over the limit. */
  TOO_LARGE,
  /** 415: not JSON. */
  UNSUPPORTED_MEDIA_TYPE,
  /** Another 4xx (e.g. 408 a body that did not arrive in time). */
  OTHER_CLIENT_ERROR,
  /** 5xx: the receiver failed (the database, most likely). */
  SERVER_ERROR;

  /** The reason of an answer with {@code status} (not 2xx). */
  public static RefusalReason of(int status) {
    return switch (status) {
      case 400 -> INVALID;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 413 -> TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      default -> status >= 500 ? SERVER_ERROR : OTHER_CLIENT_ERROR;
    };
  }

  /** The label value, e.g. {@code too_large}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
