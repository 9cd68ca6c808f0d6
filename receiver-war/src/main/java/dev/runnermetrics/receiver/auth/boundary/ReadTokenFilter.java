package dev.runnermetrics.receiver.auth.boundary;

import dev.runnermetrics.receiver.auth.control.BearerTokens;
import dev.runnermetrics.receiver.auth.control.Credentials;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.ui.control.ReadTokenIdentityStore;
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
 * Lets a request through only with the read token, or a read (GET/HEAD) from a dashboard session
 * signed in with it; 401 with a bearer challenge otherwise. A session never mints or pushes.
 */
@Provider
@ReadTokenRequired
@Priority(Priorities.AUTHENTICATION)
@ApplicationScoped
public class ReadTokenFilter implements ContainerRequestFilter {

  @Inject Credentials credentials;

  @Override
  public void filter(ContainerRequestContext request) {
    Optional<String> token = BearerTokens.parse(request.getHeaderString(HttpHeaders.AUTHORIZATION));
    if (token.isEmpty() && isDashboardRead(request)) {
      return;
    }
    if (token.isEmpty()) {
      request.abortWith(unauthorized("an Authorization: Bearer <read token> header is required"));
    } else if (!credentials.isReadToken(token.get())) {
      request.abortWith(unauthorized("the bearer token is not the read token"));
    }
  }

  private static boolean isDashboardRead(ContainerRequestContext request) {
    String method = request.getMethod();
    return ("GET".equals(method) || "HEAD".equals(method))
        && request.getSecurityContext().isUserInRole(ReadTokenIdentityStore.ROLE);
  }

  static Response unauthorized(String detail) {
    Response.ResponseBuilder response = Problem.of(401, detail).toResponse();
    Credentials.CHALLENGE.forEach(response::header);
    return response.build();
  }
}
