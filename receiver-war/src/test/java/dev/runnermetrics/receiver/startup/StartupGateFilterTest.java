package dev.runnermetrics.receiver.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gate's answers before start-up has finished (503, {@code Retry-After}, problem+json on the
 * API), and that it lets requests through afterwards. The servlet objects are minimal stand-ins;
 * the whole path from launch is {@code StartupIT}.
 */
class StartupGateFilterTest {

  /** What the filter did to a response. */
  private static final class Recorded {
    int status = 200;
    final Map<String, String> headers = new HashMap<>();
    String contentType;
    final StringWriter body = new StringWriter();
    boolean passedOn;
  }

  /** Any call the stand-ins do not answer fails the test: the gate must need no more than this. */
  private static Recorded filter(StartupState state, String uri) throws Exception {
    StartupGateFilter filter = new StartupGateFilter();
    filter.state = state;
    Recorded out = new Recorded();
    HttpServletRequest request =
        (HttpServletRequest)
            Proxy.newProxyInstance(
                StartupGateFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getRequestURI" -> uri;
                      case "getContextPath" -> "";
                      default -> throw new UnsupportedOperationException(method.getName());
                    });
    PrintWriter writer = new PrintWriter(out.body);
    HttpServletResponse response =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                StartupGateFilterTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                  switch (method.getName()) {
                    case "setStatus" -> out.status = (Integer) args[0];
                    case "setHeader" -> out.headers.put((String) args[0], (String) args[1]);
                    case "setContentType" -> out.contentType = (String) args[0];
                    case "setCharacterEncoding" -> {}
                    case "getWriter" -> {
                      return writer;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                  }
                  return null;
                });
    filter.doFilter(request, response, (req, res) -> out.passedOn = true);
    writer.flush();
    return out;
  }

  @Test
  void beforeStartUpHasFinishedEveryPathIs503WithRetryAfter() throws Exception {
    StartupState state = new StartupState();
    Recorded api = filter(state, "/api/v1/metrics");
    assertFalse(api.passedOn);
    assertEquals(503, api.status);
    assertEquals("5", api.headers.get("Retry-After"));
    assertEquals("application/problem+json", api.contentType);
    JsonObject problem = Json.createReader(new StringReader(api.body.toString())).readObject();
    assertEquals(503, problem.getInt("status"));
    assertEquals("Service Unavailable", problem.getString("title"));

    Recorded page = filter(state, "/ui/");
    assertFalse(page.passedOn);
    assertEquals(503, page.status);
    assertEquals("5", page.headers.get("Retry-After"));
    assertEquals("text/plain", page.contentType);
    assertTrue(page.body.toString().contains("starting"));
  }

  @Test
  void afterStartUpRequestsPassThrough() throws Exception {
    StartupState state = new StartupState();
    state.finished();
    Recorded api = filter(state, "/api/v1/metrics");
    assertTrue(api.passedOn);
    assertEquals(200, api.status);
    assertTrue(api.headers.isEmpty());
  }
}
