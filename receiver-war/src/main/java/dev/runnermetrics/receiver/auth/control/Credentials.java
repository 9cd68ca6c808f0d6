package dev.runnermetrics.receiver.auth.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.token.PushTokens;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The two secrets: the read token (queries and token minting) and the HMAC key (push tokens).
 * Comparisons are constant-time; neither value is ever logged.
 */
@ApplicationScoped
public class Credentials {

  /** The setting holding the read token. */
  public static final String READ_TOKEN = "receiver.read-token";

  /** The setting holding the HMAC key. */
  public static final String HMAC_KEY = "receiver.hmac-key";

  /** What a 401 says about the expected scheme. */
  public static final Map<String, String> CHALLENGE =
      Map.of("WWW-Authenticate", "Bearer realm=\"runner-metrics\"");

  @Inject
  @ConfigProperty(name = READ_TOKEN)
  Optional<String> readToken;

  @Inject
  @ConfigProperty(name = HMAC_KEY)
  Optional<String> hmacKey;

  private byte[] readTokenBytes;
  private PushTokens pushTokens;

  @PostConstruct
  void init() {
    readToken
        .filter(t -> !t.isBlank())
        .ifPresent(t -> readTokenBytes = t.getBytes(StandardCharsets.UTF_8));
    hmacKey.filter(k -> !k.isBlank()).ifPresent(k -> pushTokens = PushTokens.withKey(k));
  }

  /** The first required setting that is missing or blank, if any. */
  public Optional<String> missingSetting() {
    if (readTokenBytes == null) {
      return Optional.of(READ_TOKEN);
    }
    if (pushTokens == null) {
      return Optional.of(HMAC_KEY);
    }
    return Optional.empty();
  }

  /** Secrets shorter than this are accepted with a warning: they can be guessed. */
  public static final int MIN_SECRET_BYTES = 16;

  /**
   * Why these secrets must not be used, if so: a read token equal to the HMAC key would let anyone
   * who may read also compute every push token, and vice versa.
   */
  public Optional<String> unusableSettings() {
    if (readTokenBytes != null
        && hmacKey.isPresent()
        && MessageDigest.isEqual(readTokenBytes, hmacKey.get().getBytes(StandardCharsets.UTF_8))) {
      return Optional.of(
          READ_TOKEN
              + " and "
              + HMAC_KEY
              + " are the same value: anyone holding the read token could forge push tokens;"
              + " use two different random values");
    }
    return Optional.empty();
  }

  /** Warnings about guessable secrets (names only, never values). */
  public java.util.List<String> weakSettings() {
    java.util.List<String> weak = new java.util.ArrayList<>();
    if (readTokenBytes != null && readTokenBytes.length < MIN_SECRET_BYTES) {
      weak.add(READ_TOKEN);
    }
    if (hmacKey.isPresent()
        && hmacKey.get().getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
      weak.add(HMAC_KEY);
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

  /** The push token for {@code scope}. */
  public String mint(Scope scope) {
    return tokens().mint(scope);
  }

  /**
   * Refuses a push whose token is not the one for {@code scope}: the token was accepted as a push
   * token by the filter, so a mismatch means a token for another scope (403).
   */
  public void authorizePush(String presented, Scope scope) {
    if (!tokens().matches(presented, scope)) {
      throw new ProblemException(
          Problem.of(403, "the push token is not valid for the scope of this request body"));
    }
  }

  private PushTokens tokens() {
    if (pushTokens == null) {
      throw new ProblemException(Problem.of(503, "the receiver is not configured"));
    }
    return pushTokens;
  }
}
