package dev.runnermetrics.receiver.web.control;

import dev.runnermetrics.receiver.auth.control.StrictBoolean;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may read {@code /metrics}: by default only holders of the read token (it shows heap, threads,
 * load and, with issue 14's metrics, traffic), everyone when {@value #METRICS_PUBLIC} is {@code
 * true} (a scraper on a trusted network that cannot send a bearer token).
 */
@ApplicationScoped
public class MetricsAccess {

  /** The setting that makes {@code /metrics} public. */
  public static final String METRICS_PUBLIC = "receiver.metrics-public";

  @Inject
  @ConfigProperty(name = METRICS_PUBLIC)
  Optional<String> metricsPublic;

  private boolean open;
  private String invalid;

  @PostConstruct
  void init() {
    Optional<Boolean> parsed = StrictBoolean.parse(metricsPublic, false);
    if (parsed.isEmpty()) {
      invalid = METRICS_PUBLIC + " must be true or false";
    }
    open = parsed.orElse(false);
  }

  /** Whether anyone may read {@code /metrics} without a token. */
  public boolean isPublic() {
    return open;
  }

  /** Why the setting cannot be used (its name only), if so. */
  public Optional<String> invalidSetting() {
    return Optional.ofNullable(invalid);
  }
}
