package dev.runnermetrics.receiver.startup;

import dev.runnermetrics.receiver.problems.entity.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers every request with 503 and {@code Retry-After} until start-up has finished (a
 * problem+json body on API paths, plain text elsewhere), so a client polling a starting receiver
 * sees a refused connection, then 503, then the real answer: never a 500 of a half-deployed
 * application. Payara's HTTP listener is only enabled after deployment (see {@code
 * config/payara/startup-gate-*.asadmin}); this filter covers the rest, e.g. a start-up that failed
 * and is about to exit.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class StartupGateFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** Seconds a client is asked to wait before trying again. */
  static final String RETRY_AFTER_SECONDS = "5";

  @Inject transient StartupState state;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (state.isFinished()) {
      chain.doFilter(request, response);
      return;
    }
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader("Retry-After", RETRY_AFTER_SECONDS);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cache-Control", "no-store");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String detail = "the receiver is starting; try again in " + RETRY_AFTER_SECONDS + " s";
    if (request.getRequestURI().startsWith(request.getContextPath() + "/api/")) {
      response.setContentType(Problem.MEDIA_TYPE);
      response.getWriter().write(Problem.of(503, detail).toJson());
    } else {
      response.setContentType("text/plain");
      response.getWriter().write(detail + "\n");
    }
  }
}
