package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

/** A small HTTP client for the receiver's API, used by the integration tests. */
public final class Receiver {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final URI base;
  private final String readToken;

  public Receiver(URI base, String readToken) {
    this.base = base;
    this.readToken = readToken;
  }

  /** A scope of its own for one test: org/repo/workflow/job with a random workflow. */
  public static String[] freshScope(String org, String repo, String job) {
    String workflow = "wf-" + UUID.randomUUID().toString().substring(0, 8) + ".yml";
    return new String[] {org, repo, workflow, job};
  }

  public URI uri(String path) {
    return base.resolve(path);
  }

  /** POST /api/v1/token with the read token; asserts 200 and returns the token. */
  public String mint(String org, String repo, String workflow, String job) {
    HttpResponse<String> response =
        send(
            post("api/v1/token", tokenBody(org, repo, workflow, job))
                .header("Authorization", "Bearer " + readToken)
                .build());
    assertEquals(200, response.statusCode(), response.body());
    return json(response.body()).getString("token");
  }

  public static String tokenBody(String org, String repo, String workflow, String job) {
    return Json.createObjectBuilder()
        .add("organization", org)
        .add("repository", repo)
        .add("workflow", workflow)
        .add("job", job)
        .build()
        .toString();
  }

  /** POST /api/v1/metrics with {@code token} (null: no header) and optional idempotency key. */
  public HttpResponse<String> push(String token, String body, String idempotencyKey) {
    HttpRequest.Builder request = post("api/v1/metrics", body);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return send(request.build());
  }

  /** GET a path with the given Authorization header value (null: none). */
  public HttpResponse<String> get(String path, String authorization) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return send(request.GET().build());
  }

  /** The stored runs of a scope, read with the read token; asserts 200. */
  public JsonArray runs(String org, String repo, String workflow, String job, String query) {
    String path =
        "api/v1/metrics/repo/"
            + enc(org)
            + "/"
            + enc(repo)
            + "/"
            + enc(workflow)
            + "/"
            + enc(job)
            + query;
    HttpResponse<String> response = get(path, "Bearer " + readToken);
    assertEquals(200, response.statusCode(), response.body());
    return Json.createReader(new StringReader(response.body())).readArray();
  }

  /** Path-segment encoding: a slash becomes %2F, as the seed's query with my-org%2Fmy-repo. */
  public static String enc(String segment) {
    return java.net.URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public HttpRequest.Builder post(String path, String body) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(60))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("request to " + request.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  /** Whether /health/ready says UP. */
  public boolean ready() {
    return get("health/ready", null).statusCode() == 200;
  }
}
