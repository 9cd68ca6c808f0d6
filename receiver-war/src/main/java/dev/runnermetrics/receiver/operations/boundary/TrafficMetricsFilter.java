package dev.runnermetrics.receiver.operations.boundary;

import dev.runnermetrics.receiver.operations.control.OperationsMetrics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;

/**
 * Times every API request from before matching (so refusals by the auth filters count too) to its
 * answer, and tells {@link OperationsMetrics} what it was: a push ({@code POST /api/v1/metrics}), a
 * token mint ({@code POST /api/v1/token}) or a read (any GET), and whether it was refused.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
@ApplicationScoped
public class TrafficMetricsFilter implements ContainerRequestFilter, ContainerResponseFilter {

  private static final String STARTED = TrafficMetricsFilter.class.getName() + ".started";

  @Inject OperationsMetrics metrics;

  @Override
  public void filter(ContainerRequestContext request) {
    request.setProperty(STARTED, System.nanoTime());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Object started = request.getProperty(STARTED);
    if (!(started instanceof Long)) {
      return;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - (Long) started);
    int status = response.getStatus();
    if (status == 401) {
      metrics.authFailed();
    }
    String path = strip(request.getUriInfo().getPath());
    boolean ok = status >= 200 && status < 300;
    String method = request.getMethod();
    if (HttpMethod.POST.equals(method) && "metrics".equals(path)) {
      if (ok) {
        metrics.pushStored(took);
      } else {
        metrics.pushRefused(status, took);
      }
    } else if (HttpMethod.POST.equals(method) && "token".equals(path)) {
      if (ok) {
        metrics.tokenMinted();
      }
    } else if (HttpMethod.GET.equals(method)) {
      metrics.queryAnswered(took);
    }
  }

  private static String strip(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
