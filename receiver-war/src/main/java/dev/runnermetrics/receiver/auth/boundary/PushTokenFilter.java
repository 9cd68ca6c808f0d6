package dev.runnermetrics.receiver.auth.boundary;

import dev.runnermetrics.receiver.auth.control.BearerTokens;
import dev.runnermetrics.receiver.auth.control.Credentials;
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
import java.util.Optional;

/**
 * Lets a push through only with something shaped like a push token (and not the read token) that is
 * neither expired nor of a refused plain form, all checked before the body is read; the resource
 * checks the signature against the body's scope before storing, answering 403 on a mismatch.
 */
@Provider
@PushTokenRequired
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class PushTokenFilter implements ContainerRequestFilter {

  @Inject Credentials credentials;

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<String> token = BearerTokens.parse(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (token.isEmpty()) {
      request.abortWith(
          ReadTokenFilter.unauthorized("an Authorization: Bearer <push token> header is required"));
    } else if (credentials.isReadToken(token.get())) {
      request.abortWith(
          ReadTokenFilter.unauthorized(
              "the read token cannot push: mint a push token with POST /api/v1/token"));
    } else {
      credentials
          .refusalBeforeBody(token.get())
          .ifPresent(refusal -> request.abortWith(response(refusal)));
    }
  }

  private static Response response(ProblemException refusal) {
    Response.ResponseBuilder response = refusal.problem().toResponse();
    refusal.headers().forEach(response::header);
    return response.build();
  }
}
