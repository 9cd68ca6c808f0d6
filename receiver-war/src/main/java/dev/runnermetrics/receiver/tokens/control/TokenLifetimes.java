package dev.runnermetrics.receiver.tokens.control;

import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How long a minted push token lives: {@code expires_in} when the request gives it, bounded by
 * {@value #MAX_LIFETIME}, else {@value #DEFAULT_LIFETIME}.
 */
@ApplicationScoped
public class TokenLifetimes {

  /** The setting for the lifetime of a token minted without {@code expires_in}. */
  public static final String DEFAULT_LIFETIME = "receiver.token-default-lifetime";

  /** The setting for the longest lifetime a token may be minted with. */
  public static final String MAX_LIFETIME = "receiver.token-max-lifetime";

  /** Used when the setting is absent: a month, the renewal period of a token kept as a secret. */
  static final Duration FALLBACK_DEFAULT = Duration.ofDays(30);

  /** Used when the setting is absent: a year bounds what a leaked token is worth. */
  static final Duration FALLBACK_MAX = Duration.ofDays(365);

  /** The request member that asks for a lifetime in seconds. */
  public static final String EXPIRES_IN = "expires_in";

  private static final String FORMS =
      "must be a lifetime such as 3600s, 90m, 12h or 30d (whole numbers, at most 3650d)";

  @Inject
  @ConfigProperty(name = DEFAULT_LIFETIME)
  Optional<String> defaultSetting;

  @Inject
  @ConfigProperty(name = MAX_LIFETIME)
  Optional<String> maxSetting;

  private Duration defaultLifetime = FALLBACK_DEFAULT;
  private Duration maxLifetime = FALLBACK_MAX;
  private String invalid;

  @PostConstruct
  void init() {
    Optional<Duration> max = maxSetting.map(Lifetime::parse).orElse(Optional.of(FALLBACK_MAX));
    Optional<Duration> dflt =
        defaultSetting.map(Lifetime::parse).orElse(Optional.of(FALLBACK_DEFAULT));
    if (max.isEmpty()) {
      invalid = MAX_LIFETIME + " " + FORMS;
    } else if (dflt.isEmpty()) {
      invalid = DEFAULT_LIFETIME + " " + FORMS;
    } else if (dflt.get().compareTo(max.get()) > 0) {
      invalid = DEFAULT_LIFETIME + " must not be longer than " + MAX_LIFETIME;
    } else {
      maxLifetime = max.get();
      defaultLifetime = dflt.get();
    }
  }

  /** Why the lifetime settings cannot be used (names only), if so. */
  public Optional<String> invalidSetting() {
    return Optional.ofNullable(invalid);
  }

  /**
   * The lifetime for a request's {@code expires_in} (null: not given).
   *
   * @throws ProblemException 400 naming {@code expires_in} unless it is a whole number of seconds
   *     from 1 to the maximum
   */
  public Duration lifetime(BigDecimal expiresIn) {
    if (expiresIn == null) {
      return defaultLifetime;
    }
    BigDecimal max = BigDecimal.valueOf(maxLifetime.toSeconds());
    boolean whole = expiresIn.signum() == 0 || expiresIn.stripTrailingZeros().scale() <= 0;
    if (!whole || expiresIn.compareTo(BigDecimal.ONE) < 0 || expiresIn.compareTo(max) > 0) {
      throw new ProblemException(
          Problem.badField(
              EXPIRES_IN,
              EXPIRES_IN + " must be a whole number of seconds from 1 to " + max.toPlainString()));
    }
    return Duration.ofSeconds(expiresIn.longValueExact());
  }
}
