package dev.runnermetrics.receiver.auth.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.token.PushToken;
import dev.runnermetrics.common.token.PushTokenKeys;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The secrets and the rules for presented tokens: the read token (queries and token minting), the
 * HMAC key that signs push tokens, the previous keys that still verify them, and whether plain
 * (never expiring) push tokens are still accepted. Comparisons are constant-time; no secret or
 * token is ever logged or put in an answer.
 */
@ApplicationScoped
public class Credentials {

  /** The setting holding the read token. */
  public static final String READ_TOKEN = "receiver.read-token";

  /** The setting holding the HMAC key. */
  public static final String HMAC_KEY = "receiver.hmac-key";

  /** The setting holding earlier HMAC keys, comma-separated, that still verify push tokens. */
  public static final String PREVIOUS_HMAC_KEYS = "receiver.previous-hmac-keys";

  /** The setting that refuses push tokens of the seed's plain form (no expiry). */
  public static final String REFUSE_PLAIN_TOKENS = "receiver.refuse-plain-tokens";

  /** What a 401 says about the expected scheme. */
  public static final Map<String, String> CHALLENGE =
      Map.of("WWW-Authenticate", "Bearer realm=\"runner-metrics\"");

  /** What a 401 for a recognised but unusable push token says (RFC 6750 section 3.1). */
  public static final Map<String, String> INVALID_TOKEN_CHALLENGE =
      Map.of("WWW-Authenticate", "Bearer realm=\"runner-metrics\", error=\"invalid_token\"");

  /** Secrets shorter than this are accepted with a warning: they can be guessed. */
  public static final int MIN_SECRET_BYTES = 16;

  @Inject
  @ConfigProperty(name = READ_TOKEN)
  Optional<String> readToken;

  @Inject
  @ConfigProperty(name = HMAC_KEY)
  Optional<String> hmacKey;

  @Inject
  @ConfigProperty(name = PREVIOUS_HMAC_KEYS)
  Optional<String> previousHmacKeys;

  @Inject
  @ConfigProperty(name = REFUSE_PLAIN_TOKENS)
  Optional<String> refusePlainTokens;

  /** Where "now" comes from when checking an expiry or minting; replaced by tests. */
  Clock clock = Clock.systemUTC();

  private byte[] readTokenBytes;
  private List<String> previousKeys = List.of();
  private PushTokenKeys keys;
  private boolean refusePlain;
  private final List<String> invalid = new ArrayList<>();

  @PostConstruct
  void init() {
    readToken
        .filter(t -> !t.isBlank())
        .ifPresent(t -> readTokenBytes = t.getBytes(StandardCharsets.UTF_8));
    previousKeys = previousKeys(previousHmacKeys.orElse(""));
    refusePlain = strictBoolean(REFUSE_PLAIN_TOKENS, refusePlainTokens);
    hmacKey.filter(k -> !k.isBlank()).ifPresent(k -> keys = PushTokenKeys.of(k, previousKeys));
  }

  /** The first required setting that is missing or blank, if any. */
  public Optional<String> missingSetting() {
    if (readTokenBytes == null) {
      return Optional.of(READ_TOKEN);
    }
    if (keys == null) {
      return Optional.of(HMAC_KEY);
    }
    return Optional.empty();
  }

  /**
   * Why these settings must not be used, if so (names only, never values): a malformed value, or a
   * read token equal to a key, which would let anyone who may read also compute every push token.
   */
  public Optional<String> unusableSettings() {
    if (!invalid.isEmpty()) {
      return Optional.of(invalid.get(0));
    }
    if (readTokenBytes != null && hmacKey.isPresent() && isReadToken(hmacKey.get())) {
      return Optional.of(
          READ_TOKEN
              + " and "
              + HMAC_KEY
              + " are the same value: anyone holding the read token could forge push tokens;"
              + " use two different random values");
    }
    if (readTokenBytes != null && previousKeys.stream().anyMatch(this::isReadToken)) {
      return Optional.of(
          READ_TOKEN
              + " is also one of "
              + PREVIOUS_HMAC_KEYS
              + ": anyone holding the read token could forge push tokens; use different values");
    }
    return Optional.empty();
  }

  /** Warnings about guessable secrets (names only, never values). */
  public List<String> weakSettings() {
    List<String> weak = new ArrayList<>();
    if (readTokenBytes != null && readTokenBytes.length < MIN_SECRET_BYTES) {
      weak.add(READ_TOKEN);
    }
    if (hmacKey.isPresent() && isShort(hmacKey.get())) {
      weak.add(HMAC_KEY);
    }
    if (previousKeys.stream().anyMatch(Credentials::isShort)) {
      weak.add(PREVIOUS_HMAC_KEYS);
    }
    return weak.stream()
        .map(
            name ->
                name
                    + " is shorter than "
                    + MIN_SECRET_BYTES
                    + " bytes and could be guessed; use a long random value (e.g. openssl rand"
                    + " -hex 32)")
        .toList();
  }

  /** Whether {@code presented} is the read token. */
  public boolean isReadToken(String presented) {
    return readTokenBytes != null
        && MessageDigest.isEqual(readTokenBytes, presented.getBytes(StandardCharsets.UTF_8));
  }

  /** The expiring push token for {@code scope}, valid for {@code lifetime} from now. */
  public MintedToken mint(Scope scope, Duration lifetime) {
    Instant expiresAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(lifetime);
    return new MintedToken(keys().mint(scope, expiresAt), expiresAt);
  }

  /**
   * The 401 a bearer token gets as a push token before its body is even read, if any: not shaped
   * like a push token, a plain token when those are refused, or an expiry that has passed. Cheap
   * and key-free, so a made-up token costs the receiver little; the signature is checked by {@link
   * #authorizePush} against the body's scope.
   */
  public Optional<ProblemException> refusalBeforeBody(String presented) {
    Optional<PushToken> token = PushToken.parse(presented);
    if (token.isEmpty()) {
      return Optional.of(notAPushToken());
    }
    return plainRefused(token.get()).or(() -> expired(token.get()));
  }

  /**
   * Refuses a push unless {@code presented} is a valid push token for {@code scope} under the
   * signing key or a previous key: 401 for a token that is malformed, expired or of a refused plain
   * form; 403 for a token that does not sign this scope (another scope's, or one whose expiry was
   * edited).
   */
  public void authorizePush(String presented, Scope scope) {
    PushToken token = PushToken.parse(presented).orElseThrow(Credentials::notAPushToken);
    Optional<ProblemException> plain = plainRefused(token);
    if (plain.isPresent()) {
      throw plain.get();
    }
    if (!keys().matches(token, scope)) {
      throw new ProblemException(
          Problem.of(403, "the push token is not valid for the scope of this request body"));
    }
    Optional<ProblemException> expired = expired(token);
    if (expired.isPresent()) {
      throw expired.get();
    }
  }

  private static ProblemException notAPushToken() {
    return new ProblemException(
        Problem.of(
            401,
            "the bearer token is not a push token (v1.<expiry>.<64 hex digits>, or 64 hex"
                + " digits)"),
        CHALLENGE);
  }

  private Optional<ProblemException> plainRefused(PushToken token) {
    if (!token.isPlain() || !refusePlain) {
      return Optional.empty();
    }
    return Optional.of(
        new ProblemException(
            Problem.of(
                401,
                "push tokens without an expiry are refused by this receiver ("
                    + REFUSE_PLAIN_TOKENS
                    + "); mint a new one with POST /api/v1/token"),
            INVALID_TOKEN_CHALLENGE));
  }

  private Optional<ProblemException> expired(PushToken token) {
    if (!token.isExpiredAt(clock.instant())) {
      return Optional.empty();
    }
    return Optional.of(
        new ProblemException(
            Problem.of(
                401,
                "the push token expired at "
                    + token.expiresAt().orElseThrow()
                    + "; mint a new one with POST /api/v1/token"),
            INVALID_TOKEN_CHALLENGE));
  }

  private List<String> previousKeys(String value) {
    if (value.isBlank()) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      String key = part.strip();
      if (key.isEmpty()) {
        invalid.add(
            PREVIOUS_HMAC_KEYS
                + " has an empty entry: give the earlier keys separated by single commas");
        return List.of();
      }
      found.add(key);
    }
    return List.copyOf(found);
  }

  private boolean strictBoolean(String name, Optional<String> value) {
    Optional<Boolean> parsed = StrictBoolean.parse(value, false);
    if (parsed.isEmpty()) {
      invalid.add(name + " must be true or false");
    }
    return parsed.orElse(false);
  }

  private static boolean isShort(String secret) {
    return secret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES;
  }

  private PushTokenKeys keys() {
    if (keys == null) {
      throw new ProblemException(Problem.of(503, "the receiver is not configured"));
    }
    return keys;
  }
}
