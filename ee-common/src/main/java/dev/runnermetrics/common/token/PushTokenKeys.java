package dev.runnermetrics.common.token;

import dev.runnermetrics.common.scope.Scope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The receiver's key ring: one key signs new tokens, earlier keys still verify, so a key can be
 * rotated without breaking jobs that hold tokens of the old one. Rotating is: make the new key the
 * signing key and the old one a previous key, roll the receivers, and drop the old key once its
 * tokens have expired or been replaced.
 */
public final class PushTokenKeys {

  private final PushTokens signing;
  private final List<PushTokens> verifying;

  /** {@code signing} mints and verifies; each of {@code previous} only verifies. */
  public PushTokenKeys(PushTokens signing, List<PushTokens> previous) {
    this.signing = signing;
    List<PushTokens> all = new ArrayList<>(previous.size() + 1);
    all.add(signing);
    all.addAll(previous);
    this.verifying = List.copyOf(all);
  }

  /** The key ring of the UTF-8 bytes of {@code signingKey} and {@code previousKeys}. */
  public static PushTokenKeys of(String signingKey, List<String> previousKeys) {
    return new PushTokenKeys(
        PushTokens.withKey(signingKey), previousKeys.stream().map(PushTokens::withKey).toList());
  }

  /** The plain push token for {@code scope} under the signing key. */
  public String mint(Scope scope) {
    return signing.mint(scope);
  }

  /** The expiring push token for {@code scope} under the signing key. */
  public String mint(Scope scope, Instant expiresAt) {
    return signing.mint(scope, expiresAt);
  }

  /**
   * Whether any key of the ring minted {@code token} for {@code scope}. Every key is tried, so the
   * time taken does not tell which key (if any) matched.
   */
  public boolean matches(PushToken token, Scope scope) {
    boolean matched = false;
    for (PushTokens key : verifying) {
      matched |= key.matches(token, scope);
    }
    return matched;
  }
}
