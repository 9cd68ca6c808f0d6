package dev.runnermetrics.receiver.web.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Builds the links the receiver hands out ({@code Location}, {@code Link}) from {@value
 * #PUBLIC_URL} when it is set, else as absolute paths without a host; the request's {@code Host}
 * header never decides them, so a client cannot make the receiver point others elsewhere.
 */
@ApplicationScoped
public class PublicLinks {

  /** The setting: the receiver's URL as clients reach it, e.g. {@code https://metrics.example}. */
  public static final String PUBLIC_URL = "receiver.public-url";

  private static final String INVALID =
      PUBLIC_URL
          + " must be an http or https URL with a host and no query, fragment or user, such as"
          + " https://metrics.example.org or https://ci.example.org/runner-metrics";

  @Inject
  @ConfigProperty(name = PUBLIC_URL)
  Optional<String> publicUrl;

  /** Scheme, host, port and path prefix without a trailing slash; empty for host-less links. */
  private String base = "";

  private String invalid;

  @PostConstruct
  void init() {
    publicUrl.map(String::strip).filter(u -> !u.isEmpty()).ifPresent(this::use);
  }

  private void use(String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getRawAuthority() == null
          || uri.getHost() == null
          || uri.getRawUserInfo() != null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        invalid = INVALID;
        return;
      }
      String path = uri.getRawPath() == null ? "" : uri.getRawPath();
      while (path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      base = scheme + "://" + uri.getRawAuthority() + path;
    } catch (URISyntaxException e) {
      invalid = INVALID;
    }
  }

  /** Why the setting cannot be used (its name, never its value), if so. */
  public Optional<String> invalidSetting() {
    return Optional.ofNullable(invalid);
  }

  /**
   * The link to {@code absolutePath} (starting with {@code /}, already percent-encoded, optionally
   * with a query), e.g. {@code link("/api/v1/metrics/35")}.
   */
  public URI link(String absolutePath) {
    if (!absolutePath.startsWith("/")) {
      throw new IllegalArgumentException("a link path must start with /");
    }
    return URI.create(base + absolutePath);
  }

  /**
   * The link to the path and query of {@code uri}, whatever scheme and host it names (e.g. a {@code
   * UriInfo} builder's result, which carries the request's {@code Host}).
   */
  public URI link(URI uri) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    return link(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
  }
}
