package dev.runnermetrics.collector.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.scope.ScopeHeaders;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PushClientTest {
  /** A scope with characters a header cannot carry as they are. */
  private static final Scope SCOPE = Scope.of("Ünï org", "org/repo+1", "CI / build.yml", "job%1");

  private HttpServer server;
  private final List<Map<String, List<String>>> scopeHeaders = new CopyOnWriteArrayList<>();
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private final List<String> auth = new CopyOnWriteArrayList<>();
  private final List<String> bodies = new CopyOnWriteArrayList<>();

  /** A clock that only the client's waits move: no assertion depends on the machine's speed. */
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);

  private final List<Long> waits = new CopyOnWriteArrayList<>();

  private PushClient client(URI uri, Optional<String> token, Duration timeout) {
    return new PushClient(
        uri,
        token,
        timeout,
        clock::get,
        nanos -> {
          waits.add(nanos);
          clock.addAndGet(nanos);
        },
        "test");
  }

  /** Answers each request with the next status of the list (the last one repeats). */
  private URI serve(int... statuses) throws IOException {
    return serve("application/json", statuses);
  }

  /** Like {@link #serve(int...)}, answering with {@code contentType}. */
  private URI serve(String contentType, int... statuses) throws IOException {
    AtomicInteger n = new AtomicInteger();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/metrics",
        exchange -> {
          keys.add(exchange.getRequestHeaders().getFirst("Idempotency-Key"));
          Map<String, List<String>> scope = new TreeMap<>();
          ScopeHeaders.NAMES.forEach(
              name -> scope.put(name, exchange.getRequestHeaders().getOrDefault(name, List.of())));
          scopeHeaders.add(scope);
          auth.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          int status = statuses[Math.min(n.getAndIncrement(), statuses.length - 1)];
          byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", contentType);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/metrics");
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void deliversOnceWithTokenAndKey() throws IOException {
    URI uri = serve(201);
    PushOutcome o =
        client(uri, Optional.of("s3cret"), Duration.ofSeconds(5))
            .push("{\"a\":1}".getBytes(StandardCharsets.UTF_8), "key-1", SCOPE);
    assertTrue(o.delivered());
    assertEquals(1, o.attempts());
    assertEquals(List.of("key-1"), keys);
    assertEquals(List.of("Bearer s3cret"), auth);
    assertEquals(List.of("{\"a\":1}"), bodies);
  }

  @Test
  void sendsTheScopeInHeadersOnEveryAttempt() throws IOException {
    URI uri = serve(503, 201);
    PushOutcome o =
        client(uri, Optional.of("t"), Duration.ofSeconds(15))
            .push("{}".getBytes(StandardCharsets.UTF_8), "k", SCOPE);
    assertTrue(o.delivered(), o.detail());
    assertEquals(2, scopeHeaders.size());
    for (Map<String, List<String>> sent : scopeHeaders) {
      assertEquals(List.of("%C3%9Cn%C3%AF+org"), sent.get(ScopeHeaders.ORGANIZATION));
      assertEquals(List.of("org%2Frepo%2B1"), sent.get(ScopeHeaders.REPOSITORY));
      assertEquals(List.of("CI+%2F+build.yml"), sent.get(ScopeHeaders.WORKFLOW));
      assertEquals(List.of("job%251"), sent.get(ScopeHeaders.JOB));
      assertEquals(Optional.of(SCOPE), ScopeHeaders.parse(sent::get));
    }
  }

  @Test
  void retries5xxAnd429WithTheSameKey() throws IOException {
    URI uri = serve(503, 429, 500, 200);
    PushOutcome o =
        client(uri, Optional.empty(), Duration.ofSeconds(15))
            .push(new byte[] {'{', '}'}, "key-2", SCOPE);
    assertTrue(o.delivered(), o.detail());
    assertEquals(4, o.attempts());
    assertEquals(List.of("key-2", "key-2", "key-2", "key-2"), keys);
    assertEquals("null", auth.get(0)); // no token, no header
  }

  @Test
  void doesNotRetryOther4xx() throws IOException {
    URI uri = serve(403);
    PushOutcome o =
        client(uri, Optional.of("t"), Duration.ofSeconds(10))
            .push(new byte[] {'{', '}'}, "k", SCOPE);
    assertFalse(o.delivered());
    assertEquals(1, o.attempts());
    assertEquals(403, o.status());
    assertTrue(o.detail().contains("403"), o.detail());
  }

  @Test
  void retriesA404ThatIsNotTheReceiversOwnAnswer() throws IOException {
    // Payara Micro answers an HTML 404 while the receiver is still being deployed.
    URI uri = serve("text/html", 404, 404, 201);
    PushOutcome o =
        client(uri, Optional.of("t"), Duration.ofSeconds(15))
            .push(new byte[] {'{', '}'}, "k", SCOPE);
    assertTrue(o.delivered(), o.detail());
    assertEquals(3, o.attempts());
  }

  @Test
  void doesNotRetryTheReceiversOwn404() throws IOException {
    URI uri = serve("application/problem+json", 404);
    PushOutcome o =
        client(uri, Optional.of("t"), Duration.ofSeconds(10))
            .push(new byte[] {'{', '}'}, "k", SCOPE);
    assertFalse(o.delivered());
    assertEquals(1, o.attempts());
  }

  @Test
  void connectionErrorsAreRetriedUntilTheTimeout() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    PushClient client =
        client(
            URI.create("http://127.0.0.1:" + port + "/x"), Optional.empty(), Duration.ofSeconds(2));
    long start = clock.get();
    PushOutcome o = client.push(new byte[] {'{', '}'}, "k", SCOPE);
    long spent = clock.get() - start;
    assertFalse(o.delivered());
    assertTrue(o.attempts() >= 3, "attempts " + o.attempts());
    assertEquals(o.attempts() - 1, waits.size());
    // the waits fill the timeout, save the time kept for the last attempt, and never pass it
    assertTrue(spent <= 2_000_000_000L, "waited " + spent + " ns");
    assertTrue(spent >= 2_000_000_000L - 2 * PushClient.LAST_ATTEMPT_NANOS, "waited " + spent);
    // backoff doubles, each wait drawn from [d/2, d]
    assertTrue(waits.get(0) >= PushClient.INITIAL_BACKOFF_NANOS / 2, "first " + waits.get(0));
    assertTrue(waits.get(0) <= PushClient.INITIAL_BACKOFF_NANOS, "first " + waits.get(0));
    assertTrue(waits.get(1) >= PushClient.INITIAL_BACKOFF_NANOS, "second " + waits.get(1));
  }
}
