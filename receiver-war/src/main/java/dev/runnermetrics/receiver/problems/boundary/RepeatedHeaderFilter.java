package dev.runnermetrics.receiver.problems.boundary;

import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.web.boundary.ResponseHeadersFilter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

/**
 * Refuses a request that repeats a single-valued header (400 naming it): two {@code Authorization}
 * or {@code Content-Type} headers are ambiguous (which one did a proxy check?). A servlet filter,
 * because a repeated {@code Content-Type} fails inside Jersey before any JAX-RS filter or mapper
 * runs, and got the server's HTML error page.
 */
@WebFilter(
    urlPatterns = "/api/*",
    asyncSupported = true,
    dispatcherTypes = {
      jakarta.servlet.DispatcherType.REQUEST,
      jakarta.servlet.DispatcherType.ASYNC
    })
public class RepeatedHeaderFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  static final List<String> SINGLE =
      List.of("Authorization", "Content-Type", "Content-Length", "Idempotency-Key");

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    for (String name : SINGLE) {
      int count = Collections.list(request.getHeaders(name)).size();
      if (count > 1) {
        byte[] body =
            Problem.badField(name, "the request has " + count + " " + name + " headers")
                .toJson()
                .getBytes(StandardCharsets.UTF_8);
        ResponseHeadersFilter.apply(request, response);
        response.setStatus(400);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setHeader("Connection", "close");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
