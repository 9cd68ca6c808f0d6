package dev.runnermetrics.receiver.web.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Headers every answer of the application carries: {@code X-Content-Type-Options: nosniff}, so a
 * browser never runs a JSON or text answer as something else, and on the API {@code Cache-Control:
 * no-store}, so run data and push tokens stay out of shared and browser caches. Set before the
 * request goes on, so refusals and errors carry them too.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class ResponseHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** The path prefix of the API, whose answers are never cached. */
  static final String API = "/api/";

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    apply(request, response);
    chain.doFilter(request, response);
  }

  /**
   * Sets the headers; also called by the filters that answer by themselves, since the container
   * runs annotated filters in no guaranteed order.
   */
  public static void apply(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("X-Content-Type-Options", "nosniff");
    if (request.getRequestURI().startsWith(API)) {
      response.setHeader("Cache-Control", "no-store");
    }
  }
}
