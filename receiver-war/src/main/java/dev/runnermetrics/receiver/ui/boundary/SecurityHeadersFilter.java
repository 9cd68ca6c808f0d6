package dev.runnermetrics.receiver.ui.boundary;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Security headers for every dashboard response: a strict Content-Security-Policy (scripts, styles,
 * data and images from this origin only, no inline script, no framing, forms only to this origin),
 * no MIME sniffing, no referrer to other sites (to this one it must flow: with {@code no-referrer}
 * Chromium posts forms with {@code Origin: null}, which the CSRF check refuses), and no caching, so
 * that nothing is shown from cache after sign-out.
 */
@WebFilter("/ui/*")
public class SecurityHeadersFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  /** The policy; uPlot draws on canvas and styles through the CSSOM, which CSP allows. */
  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
          + " frame-ancestors 'none'";

  static final Map<String, String> HEADERS =
      Map.of(
          "Content-Security-Policy", POLICY,
          "X-Content-Type-Options", "nosniff",
          "Referrer-Policy", "same-origin",
          "X-Frame-Options", "DENY",
          "Cache-Control", "no-store");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HEADERS.forEach(response::setHeader);
    chain.doFilter(request, response);
  }
}
