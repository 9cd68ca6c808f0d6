package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.token.PushTokens;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Expiring push tokens and the hardened edges over HTTP: mint answers, the expired-token 401, plain
 * seed tokens, response headers, no WADL, bare OPTIONS and the read token on /metrics.
 */
@ExtendWith(ArquillianExtension.class)
class TokensIT {

  private static final String EXPIRING = "v1\\.[1-9][0-9]*\\.[0-9a-f]{64}";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.receiver();
  }

  @ArquillianResource URL url;

  private Receiver receiver;

  @BeforeEach
  void client() {
    receiver = new Receiver(Deployments.base(url), Deployments.READ_TOKEN);
  }

  @Test
  void mintsAnExpiringTokenThatPushesAndSaysWhenItEnds() {
    String[] s = Receiver.freshScope("tok-org", "tok-repo", "build");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    HttpResponse<String> minted = mint(s, 3600);
    Instant after = Instant.now();
    assertEquals(200, minted.statusCode(), minted.body());
    assertEquals("no-store", minted.headers().firstValue("Cache-Control").orElse(""));
    assertEquals("nosniff", minted.headers().firstValue("X-Content-Type-Options").orElse(""));
    JsonObject answer = Receiver.json(minted.body());
    String token = answer.getString("token");
    assertTrue(token.matches(EXPIRING), token);
    Instant expiresAt = Instant.parse(answer.getString("expires_at"));
    assertTrue(
        !expiresAt.isBefore(before.plusSeconds(3600))
            && !expiresAt.isAfter(after.plusSeconds(3600)),
        expiresAt + " is an hour after the request");
    assertTrue(token.startsWith("v1." + expiresAt.getEpochSecond() + "."), token);

    HttpResponse<String> pushed =
        receiver.push(token, Bodies.push(s[0], "tok-org/tok-repo", s[2], s[3], "run-1"), null);
    assertEquals(201, pushed.statusCode(), pushed.body());
    assertEquals("no-store", pushed.headers().firstValue("Cache-Control").orElse(""));
    assertEquals("nosniff", pushed.headers().firstValue("X-Content-Type-Options").orElse(""));

    HttpResponse<String> runs =
        receiver.get(
            "api/v1/metrics/repo/tok-org/tok-repo/" + s[2] + "/build",
            "Bearer " + Deployments.READ_TOKEN);
    assertEquals(200, runs.statusCode(), runs.body());
    assertEquals("no-store", runs.headers().firstValue("Cache-Control").orElse(""));
    assertEquals("nosniff", runs.headers().firstValue("X-Content-Type-Options").orElse(""));
  }

  @Test
  void withoutExpiresInTheTokenLivesTheDefaultThirtyDays() {
    String[] s = Receiver.freshScope("tok-org", "tok-repo", "build");
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    Instant after = Instant.now();
    Instant expiresAt = Instant.ofEpochSecond(Long.parseLong(token.split("\\.")[1]));
    assertFalse(expiresAt.isBefore(before.plus(Duration.ofDays(30))), expiresAt.toString());
    assertFalse(expiresAt.isAfter(after.plus(Duration.ofDays(30))), expiresAt.toString());
  }

  @Test
  void refusesLifetimesOutOfBoundsOrOfTheWrongType() {
    String[] s = Receiver.freshScope("tok-org", "tok-repo", "build");
    for (String expiresIn : List.of("0", "-5", "31536001", "1.5", "\"3600\"", "true", "[]")) {
      String body =
          Receiver.tokenBody(s[0], s[1], s[2], s[3])
              .replaceFirst("\\}$", ",\"expires_in\":" + expiresIn + "}");
      HttpResponse<String> refused = send(body);
      JsonObject problem = problem("expires_in " + expiresIn, 400, refused);
      assertEquals("expires_in", problem.getString("field"), expiresIn);
    }
    assertEquals(200, mint(s, 31_536_000).statusCode(), "the maximum itself is allowed");
  }

  @Test
  void anExpiredTokenGetsA401ThatSaysSoAndStoresNothing() {
    String[] s = Receiver.freshScope("exp-org", "exp-org/repo", "build");
    Scope scope = Scope.of(s[0], s[1], s[2], s[3]);
    String expired =
        PushTokens.withKey(Deployments.HMAC_KEY).mint(scope, Instant.parse("2026-01-01T00:00:00Z"));

    HttpResponse<String> refused =
        receiver.push(expired, Bodies.push(s[0], s[1], s[2], s[3], "run-1"), null);
    JsonObject problem = problem("expired token", 401, refused);
    assertEquals(
        "the push token expired at 2026-01-01T00:00:00Z; mint a new one with POST /api/v1/token",
        problem.getString("detail"));
    assertTrue(
        refused.headers().firstValue("WWW-Authenticate").orElse("").contains("invalid_token"),
        refused.headers().toString());

    String edited = expired.replace("v1.1767225600.", "v1.4102444800.");
    assertFalse(edited.equals(expired));
    problem(
        "expiry edited into the future",
        403,
        receiver.push(edited, Bodies.push(s[0], s[1], s[2], s[3], "run-2"), null));
    assertEquals(0, receiver.runs(s[0], s[1], s[2], s[3], "").size());
  }

  @Test
  void aPlainSeedTokenStillPushesByDefault() {
    String[] s = Receiver.freshScope("seed-org", "seed-org/repo", "build");
    String plain = PushTokens.withKey(Deployments.HMAC_KEY).mint(Scope.of(s[0], s[1], s[2], s[3]));
    HttpResponse<String> pushed =
        receiver.push(plain, Bodies.push(s[0], s[1], s[2], s[3], "run-1"), null);
    assertEquals(201, pushed.statusCode(), pushed.body());
  }

  @Test
  void noWadlAndNoOptionsDescription() {
    problem("WADL", 404, receiver.get("api/v1/application.wadl", null));
    for (String path : List.of("api/v1/metrics", "api/v1/token", "api/v1/metrics/1")) {
      for (String accept : List.of("*/*", "application/vnd.sun.wadl+xml")) {
        HttpResponse<String> options =
            receiver.send(
                HttpRequest.newBuilder(receiver.uri(path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Accept", accept)
                    .build());
        assertEquals(204, options.statusCode(), path + " " + options.body());
        assertEquals("", options.body(), path);
        assertTrue(options.headers().firstValue("Allow").isEmpty(), path);
        assertEquals("nosniff", options.headers().firstValue("X-Content-Type-Options").orElse(""));
      }
    }
  }

  @Test
  void everyAnswerSaysNosniffAndApiRefusalsAreNotCached() {
    for (String path : List.of("health/ready", "health", "openapi", "api/v1/nothing")) {
      HttpResponse<String> answer = receiver.get(path, null);
      assertEquals(
          "nosniff", answer.headers().firstValue("X-Content-Type-Options").orElse(""), path);
    }
    HttpResponse<String> refused = receiver.get("api/v1/metrics/1", null);
    assertEquals(401, refused.statusCode());
    assertEquals("no-store", refused.headers().firstValue("Cache-Control").orElse(""));
  }

  @Test
  void metricsNeedTheReadTokenByDefault() {
    String[] s = Receiver.freshScope("met-org", "met-org/repo", "build");
    String push = receiver.mint(s[0], s[1], s[2], s[3]);
    for (String path : List.of("metrics", "metrics/base", "metrics?scope=vendor")) {
      for (String authorization :
          new String[] {null, "Bearer wrong-read-token", "Bearer " + push, "Basic x"}) {
        HttpResponse<String> refused = receiver.get(path, authorization);
        problem(path + " with " + authorization, 401, refused);
        assertTrue(
            refused.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertFalse(refused.body().contains("# TYPE"), path);
        assertEquals(
            "nosniff", refused.headers().firstValue("X-Content-Type-Options").orElse(""), path);
      }
    }
    HttpResponse<String> allowed = receiver.get("metrics", "Bearer " + Deployments.READ_TOKEN);
    assertEquals(200, allowed.statusCode());
    assertTrue(allowed.body().contains("# TYPE"), allowed.body());
    assertEquals(200, receiver.get("health/ready", null).statusCode(), "health stays public");
  }

  @Test
  void metricsCannotBeReachedAroundTheFilter() throws Exception {
    for (String target :
        List.of(
            "/metrics/",
            "/metrics/base/",
            "/./metrics",
            "//metrics",
            "/metrics;a=b",
            "/%6detrics",
            "/%6Detrics/base",
            "/metrics%2F",
            "/api/../metrics",
            "/health/../metrics")) {
      String answer = rawGet(Deployments.base(url), target);
      assertTrue(answer.startsWith("HTTP/1.1 401 "), target + ":\n" + answer);
      assertFalse(answer.contains("# TYPE"), target);
    }
  }

  /** A GET of a raw request target, sent exactly as written (java.net.URI would normalise it). */
  private static String rawGet(URI base, String target) throws IOException {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(60_000);
      String head =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: "
              + base.getHost()
              + ":"
              + base.getPort()
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  private HttpResponse<String> mint(String[] s, long expiresIn) {
    String body =
        Json.createObjectBuilder(Receiver.json(Receiver.tokenBody(s[0], s[1], s[2], s[3])))
            .add("expires_in", expiresIn)
            .build()
            .toString();
    return send(body);
  }

  private HttpResponse<String> send(String tokenBody) {
    return receiver.send(
        receiver
            .post("api/v1/token", tokenBody)
            .header("Authorization", "Bearer " + Deployments.READ_TOKEN)
            .build());
  }

  private static JsonObject problem(String what, int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), what + ": " + response.body());
    assertEquals(
        "application/problem+json", response.headers().firstValue("Content-Type").orElse(""), what);
    JsonObject problem = Receiver.json(response.body());
    assertEquals(status, problem.getInt("status"), what);
    return problem;
  }
}
