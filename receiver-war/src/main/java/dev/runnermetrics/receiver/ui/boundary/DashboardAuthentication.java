package dev.runnermetrics.receiver.ui.boundary;

import dev.runnermetrics.receiver.ui.control.ReadTokenCredential;
import dev.runnermetrics.receiver.ui.control.SameOrigin;
import dev.runnermetrics.receiver.ui.control.SignInThrottle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.AutoApplySession;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Signs the dashboard in with the read token (Jakarta Security): a POST of the sign-in form is
 * checked for its origin, the throttle and then the token; a success starts a session ({@link
 * AutoApplySession} restores it on later requests); a protected page without one is redirected to
 * the sign-in form. Everything else, the JSON API included, passes untouched: bearer tokens are
 * still checked there by the JAX-RS filters, and a session never stands in for a push token.
 */
@ApplicationScoped
@AutoApplySession
public class DashboardAuthentication implements HttpAuthenticationMechanism {

  /** The sign-in form, relative to the context root. */
  static final String SIGN_IN_PATH = "/ui/signin";

  /** The form field holding the read token. */
  static final String TOKEN_FIELD = "token";

  private static final Logger LOG = Logger.getLogger(DashboardAuthentication.class.getName());

  @Inject IdentityStoreHandler identities;
  @Inject SignInThrottle throttle;

  @Override
  public AuthenticationStatus validateRequest(
      HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
    if ("POST".equals(request.getMethod()) && SIGN_IN_PATH.equals(path(request))) {
      return signIn(request, context);
    }
    if (context.isProtected()) {
      return context.redirect(request.getContextPath() + SIGN_IN_PATH);
    }
    return context.doNothing();
  }

  private AuthenticationStatus signIn(HttpServletRequest request, HttpMessageContext context) {
    if (!SameOrigin.matches(request.getHeader("Origin"), request.getHeader("Host"))) {
      return outcome(request, context, SignInOutcome.FOREIGN_ORIGIN);
    }
    String address = request.getRemoteAddr();
    Optional<Duration> wait = throttle.waitBeforeAttempt(address);
    if (wait.isPresent()) {
      request.setAttribute(SignInOutcome.RETRY_AFTER, Math.max(1, wait.get().toSeconds() + 1));
      return outcome(request, context, SignInOutcome.SLOW_DOWN);
    }
    CredentialValidationResult result =
        identities.validate(new ReadTokenCredential(request.getParameter(TOKEN_FIELD)));
    if (result.getStatus() != CredentialValidationResult.Status.VALID) {
      throttle.failed(address);
      LOG.log(Level.INFO, "dashboard sign-in refused: wrong token from {0}", address);
      return outcome(request, context, SignInOutcome.WRONG_TOKEN);
    }
    throttle.succeeded(address);
    HttpSession before = request.getSession(false);
    if (before != null) {
      before.invalidate(); // a fresh session id after sign-in: no session fixation
    }
    request.setAttribute(SignInOutcome.ATTRIBUTE, SignInOutcome.SIGNED_IN);
    return context.notifyContainerAboutLogin(result);
  }

  private static AuthenticationStatus outcome(
      HttpServletRequest request, HttpMessageContext context, SignInOutcome outcome) {
    request.setAttribute(SignInOutcome.ATTRIBUTE, outcome);
    return context.doNothing();
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
