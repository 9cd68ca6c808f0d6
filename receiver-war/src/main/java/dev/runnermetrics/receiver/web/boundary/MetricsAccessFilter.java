package dev.runnermetrics.receiver.web.boundary;

import dev.runnermetrics.receiver.auth.control.BearerTokens;
import dev.runnermetrics.receiver.auth.control.Credentials;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.web.control.MetricsAccess;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Lets a request to Payara's {@code /metrics} through only with the read token, unless {@link
 * MetricsAccess} says it is public. Payara Micro serves {@code /metrics} inside the root context,
 * so the application's filters see it (checked by {@code TokensIT}).
 */
@WebFilter(
    urlPatterns = {"/metrics", "/metrics/*"},
    asyncSupported = true)
public class MetricsAccessFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject transient MetricsAccess access;

  @Inject transient Credentials credentials;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (access.isPublic()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> token = BearerTokens.parse(request.getHeader("Authorization"));
    if (token.isPresent() && credentials.isReadToken(token.get())) {
      chain.doFilter(request, response);
      return;
    }
    byte[] body =
        Problem.of(
                401,
                token.isEmpty()
                    ? "an Authorization: Bearer <read token> header is required for /metrics"
                    : "the bearer token is not the read token")
            .toJson()
            .getBytes(StandardCharsets.UTF_8);
    ResponseHeadersFilter.apply(request, response);
    response.setStatus(401);
    Credentials.CHALLENGE.forEach(response::setHeader);
    response.setContentType(Problem.MEDIA_TYPE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }
}
