package dev.runnermetrics.receiver.ui.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The CSRF rule for the dashboard's form posts: the browser's {@code Origin} header must name the
 * host the request was sent to ({@code Host}). Browsers always send {@code Origin} on a
 * cross-origin or form POST, and a page cannot forge it, so a missing or foreign origin is refused.
 * Only the authority is compared (host and port, default ports dropped): behind a TLS-terminating
 * proxy the scheme the receiver sees differs from the browser's.
 */
public final class SameOrigin {

  private SameOrigin() {}

  /**
   * Whether {@code origin} (the header, may be null) names the same host and port as {@code host}.
   */
  public static boolean matches(String origin, String host) {
    if (origin == null || host == null || host.isBlank()) {
      return false;
    }
    URI uri;
    try {
      uri = new URI(origin.strip());
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = uri.getScheme();
    if (uri.getHost() == null
        || scheme == null
        || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
        || (uri.getPath() != null && !uri.getPath().isEmpty())) {
      return false;
    }
    int port = uri.getPort();
    String authority =
        uri.getHost() + (port == -1 || port == defaultPort(scheme) ? "" : ":" + port);
    return normalise(authority).equals(normalise(stripDefaultPort(host.strip(), scheme)));
  }

  private static String stripDefaultPort(String host, String scheme) {
    String suffix = ":" + defaultPort(scheme);
    return host.endsWith(suffix) ? host.substring(0, host.length() - suffix.length()) : host;
  }

  private static int defaultPort(String scheme) {
    return scheme.equalsIgnoreCase("https") ? 443 : 80;
  }

  private static String normalise(String authority) {
    return authority.toLowerCase(Locale.ROOT);
  }
}
