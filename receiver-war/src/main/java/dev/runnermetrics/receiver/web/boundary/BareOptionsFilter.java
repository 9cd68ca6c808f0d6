package dev.runnermetrics.receiver.web.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Answers {@code OPTIONS} on the API with a bare 204: no description of the resource (Jersey's
 * generated answer lists methods and, with WADL, the whole API) to a caller without a token. The
 * API serves no browsers across origins, so there is no CORS preflight to answer either.
 */
@WebFilter(urlPatterns = "/api/*", asyncSupported = true)
public class BareOptionsFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if ("OPTIONS".equals(request.getMethod())) {
      ResponseHeadersFilter.apply(request, response);
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    chain.doFilter(request, response);
  }
}
