package dev.runnermetrics.receiver.ui.control;

import dev.runnermetrics.receiver.auth.control.Credentials;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.Set;

/**
 * The dashboard's only identity: whoever holds the read token, compared in constant time by {@link
 * Credentials}, signs in as {@link #CALLER} in the role {@link #ROLE}.
 */
@ApplicationScoped
public class ReadTokenIdentityStore implements IdentityStore {

  /** The role a signed-in dashboard session has; the read API accepts it for GET requests. */
  public static final String ROLE = "dashboard";

  /** The caller name of a dashboard session (there are no user accounts). */
  public static final String CALLER = "dashboard";

  @Inject Credentials credentials;

  @Override
  public CredentialValidationResult validate(Credential credential) {
    if (credential instanceof ReadTokenCredential presented
        && credentials.isReadToken(presented.token())) {
      return new CredentialValidationResult(CALLER, Set.of(ROLE));
    }
    return CredentialValidationResult.INVALID_RESULT;
  }
}
