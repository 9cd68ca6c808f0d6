package dev.runnermetrics.receiver.auth.boundary;

import dev.runnermetrics.common.scope.InvalidScopeException;
import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.scope.ScopeHeaders;
import dev.runnermetrics.receiver.auth.control.BearerTokens;
import dev.runnermetrics.receiver.auth.control.Credentials;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lets a push through only with something shaped like a push token (and not the read token) that is
 * neither expired nor of a refused plain form, all checked before the body is read. When the
 * collector also sends its scope in {@link ScopeHeaders}, the token's signature is checked against
 * that scope here too, so a made-up token is refused (401) without its body ever being read; the
 * resource then requires the body's scope to be the same. Without those headers (collectors before
 * them) the resource checks the signature against the body's scope, answering 403 on a mismatch.
 *
 * <p>{@code PushBodyFilter} asks {@link #refusalBeforeBody} before it starts reading a body; this
 * JAX-RS filter asks again, which costs one HMAC.
 */
@Provider
@PushTokenRequired
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class PushTokenFilter implements ContainerRequestFilter {

  @Inject Credentials credentials;

  @Override
  public void filter(ContainerRequestContext request) {
    refusalBeforeBody(
            request.getHeaderString(HttpHeaders.AUTHORIZATION),
            name -> Optional.ofNullable(request.getHeaders().get(name)).orElse(List.of()))
        .ifPresent(refusal -> request.abortWith(response(refusal)));
  }

  /**
   * Why a push must be refused before its body is read, if so: 401 without a bearer token, for the
   * read token, for a token not shaped like a push token, expired or of a refused plain form, or
   * (with scope headers) not signing the scope they name; 400 for scope headers that are partial,
   * repeated or invalid.
   *
   * @param authorization the Authorization header, or null
   * @param headers every value of a request header by name (an empty list when absent)
   */
  public Optional<ProblemException> refusalBeforeBody(
      String authorization, Function<String, List<String>> headers) {
    Optional<String> token = BearerTokens.parse(authorization);
    if (token.isEmpty()) {
      return Optional.of(unauthorized("an Authorization: Bearer <push token> header is required"));
    }
    if (credentials.isReadToken(token.get())) {
      return Optional.of(
          unauthorized("the read token cannot push: mint a push token with POST /api/v1/token"));
    }
    Optional<ProblemException> refusal = credentials.refusalBeforeBody(token.get());
    if (refusal.isPresent()) {
      return refusal;
    }
    Optional<Scope> scope;
    try {
      scope = ScopeHeaders.parse(headers);
    } catch (InvalidScopeException e) {
      return Optional.of(new ProblemException(Problem.badField(e.field(), e.getMessage())));
    }
    if (scope.isEmpty()) {
      return Optional.empty();
    }
    try {
      credentials.authorizePush(token.get(), scope.get());
      return Optional.empty();
    } catch (ProblemException e) {
      if (e.problem().status() != 403) {
        return Optional.of(e);
      }
      return Optional.of(
          new ProblemException(
              Problem.of(
                  401,
                  "the push token is not valid for the scope named by the "
                      + String.join(", ", ScopeHeaders.NAMES)
                      + " headers"),
              Credentials.INVALID_TOKEN_CHALLENGE));
    }
  }

  private static ProblemException unauthorized(String detail) {
    return new ProblemException(Problem.of(401, detail), Credentials.CHALLENGE);
  }

  private static Response response(ProblemException refusal) {
    Response.ResponseBuilder response = refusal.problem().toResponse();
    refusal.headers().forEach(response::header);
    return response.build();
  }
}
