package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Everything the receiver must refuse: the auth matrix and bad bodies, each answered with
 * problem+json, nothing stored, and the server still ready afterwards.
 */
@ExtendWith(ArquillianExtension.class)
class RefusalsIT {

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
  void pushAuthMatrixRefusesAndStoresNothing() {
    String[] s = Receiver.freshScope("auth-org", "auth-org/repo", "build");
    String body = Bodies.push(s[0], s[1], s[2], s[3], "run-1");
    String other = receiver.mint(s[0], s[1], s[2], "deploy");
    String caseOnly = receiver.mint(s[0], s[1], s[2], "Build");
    String spaceOnly = receiver.mint(s[0], s[1], s[2], "build ");
    String orgCase = receiver.mint("Auth-org", s[1], s[2], s[3]);
    String good = receiver.mint(s[0], s[1], s[2], s[3]);

    record Case(String name, String authorization, int status) {}
    List<Case> cases =
        List.of(
            new Case("no header", null, 401),
            new Case("basic scheme", "Basic " + good, 401),
            new Case("scheme only", "Bearer", 401),
            new Case("two tokens", "Bearer " + good + " " + good, 401),
            new Case("read token used to push", "Bearer " + Deployments.READ_TOKEN, 401),
            new Case("not a push token", "Bearer nonsense", 401),
            new Case("push token of another job", "Bearer " + other, 403),
            new Case("scope differs only in case", "Bearer " + caseOnly, 403),
            new Case("scope differs only in whitespace", "Bearer " + spaceOnly, 403),
            new Case("organization differs only in case", "Bearer " + orgCase, 403),
            new Case("uppercase hex of the right token", "Bearer " + good.toUpperCase(), 401));
    for (Case c : cases) {
      HttpRequest.Builder request = receiver.post("api/v1/metrics", body);
      if (c.authorization() != null) {
        request.header("Authorization", c.authorization());
      }
      HttpResponse<String> response = receiver.send(request.build());
      assertProblem(c.name(), c.status(), response);
      if (c.status() == 401) {
        assertTrue(
            response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
            c.name());
      }
    }
    HttpResponse<String> bodyCase =
        receiver.push(good, Bodies.push(s[0], s[1], s[2], "BUILD", "run-1"), null);
    assertProblem("body scope differs in case", 403, bodyCase);

    assertEquals(0, receiver.runs(s[0], s[1], s[2], s[3], "").size());
    assertEquals(0, receiver.runs(s[0], s[1], s[2], "BUILD", "").size());
    assertEquals(201, receiver.push(good, body, null).statusCode(), "the right token still works");
  }

  @Test
  void readAndTokenEndpointsNeedTheReadToken() {
    String[] s = Receiver.freshScope("auth-org", "auth-org/repo", "build");
    String push = receiver.mint(s[0], s[1], s[2], s[3]);
    String path =
        "api/v1/metrics/repo/" + s[0] + "/" + Receiver.enc(s[1]) + "/" + s[2] + "/" + s[3];
    for (String authorization :
        new String[] {
          null,
          "Bearer",
          "Basic " + Deployments.READ_TOKEN,
          "Bearer wrong-read-token",
          "Bearer " + Deployments.READ_TOKEN + "x",
          "Bearer " + push,
          "Bearer " + Deployments.HMAC_KEY
        }) {
      HttpResponse<String> query = receiver.get(path, authorization);
      assertProblem("GET with " + authorization, 401, query);
      assertTrue(query.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));

      HttpRequest.Builder mint =
          receiver.post("api/v1/token", Receiver.tokenBody(s[0], s[1], s[2], s[3]));
      if (authorization != null) {
        mint.header("Authorization", authorization);
      }
      HttpResponse<String> token = receiver.send(mint.build());
      assertProblem("POST /token with " + authorization, 401, token);
      assertFalse(token.body().contains(push), "no token in a refusal");
    }
    HttpResponse<String> badScope =
        receiver.get(
            "api/v1/metrics/repo/" + s[0] + "/repo/" + s[2] + "/bu%01ild",
            "Bearer " + Deployments.READ_TOKEN);
    assertEquals(
        "job", assertProblem("control character in path", 400, badScope).getString("field"));

    HttpRequest emptyField =
        receiver
            .post("api/v1/token", Receiver.tokenBody(s[0], "", s[2], s[3]))
            .header("Authorization", "Bearer " + Deployments.READ_TOKEN)
            .build();
    assertEquals(
        "repository",
        assertProblem("token for empty repository", 400, receiver.send(emptyField))
            .getString("field"));
  }

  @Test
  void badBodiesAreRefusedWithProblemsAndNothingIsStored() {
    String[] s = Receiver.freshScope("body-org", "body-org/repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    String valid = Bodies.push(s[0], s[1], s[2], s[3], "run-1");

    record Case(String name, String body, String field) {}
    List<Case> cases = new ArrayList<>();
    cases.add(new Case("invalid JSON", valid.substring(0, valid.length() / 2), "body"));
    cases.add(new Case("not an object", "[" + valid + "]", "body"));
    cases.add(new Case("empty body", "", "body"));
    cases.add(new Case("trailing garbage", valid + " x", "body"));
    cases.add(
        new Case(
            "duplicated member",
            valid.replace("{\"organization\"", "{\"job\":\"x\",\"organization\""),
            "body"));
    cases.add(
        new Case(
            "missing organization",
            valid.replace("\"organization\":\"body-org\",", ""),
            "organization"));
    cases.add(
        new Case("empty repository", Bodies.push(s[0], "", s[2], s[3], "run-1"), "repository"));
    cases.add(
        new Case(
            "control character",
            Bodies.push(s[0], s[1], s[2] + "\u0007", s[3], "run-1"),
            "workflow"));
    cases.add(
        new Case("newline in job", Bodies.push(s[0], s[1], s[2], s[3] + "\n", "run-1"), "job"));
    cases.add(
        new Case("long run id", Bodies.push(s[0], s[1], s[2], s[3], "r".repeat(256)), "run_id"));
    cases.add(
        new Case(
            "missing payload", valid.substring(0, valid.indexOf(",\"payload\"")) + "}", "payload"));
    cases.add(
        new Case(
            "negative number",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "run-1",
                Bodies.payloadWith("\"peak\":12.50", "\"peak\":-12.5")),
            "payload.cpu_total_percent.peak"));
    cases.add(
        new Case(
            "NaN",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "run-1",
                Bodies.payloadWith("\"peak\":12.50", "\"peak\":NaN")),
            "body"));
    cases.add(
        new Case(
            "huge number",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "run-1",
                Bodies.payloadWith("\"peak\":2.007", "\"peak\":1e400")),
            "payload.containers[0].cpu_cores.peak"));
    cases.add(
        new Case(
            "too large for the field",
            Bodies.push(
                s[0], s[1], s[2], s[3], "run-1", Bodies.payloadWith("\"pid\":42", "\"pid\":1e30")),
            "pid"));
    cases.add(
        new Case(
            "fraction for a count",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "run-1",
                Bodies.payloadWith("\"sample_count\":11", "\"sample_count\":1.5")),
            "sample_count"));
    cases.add(
        new Case(
            "whole number written with a fraction",
            Bodies.push(
                s[0], s[1], s[2], s[3], "run-1", Bodies.payloadWith("\"pid\":42", "\"pid\":-42.0")),
            "pid"));
    cases.add(
        new Case(
            "string for a number",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "run-1",
                Bodies.payloadWith("\"sample_count\":11", "\"sample_count\":\"11\"x")),
            "body"));
    cases.add(
        new Case(
            "bad time",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "run-1",
                Bodies.payloadWith("2026-02-06T14:30:02.185Z", "yesterday")),
            "body"));
    for (Case c : cases) {
      JsonObject problem = assertProblem(c.name(), 400, receiver.push(token, c.body(), null));
      assertEquals(c.field(), problem.getString("field", null), c.name() + ": " + problem);
    }

    HttpRequest textPlain =
        receiver
            .post("api/v1/metrics", valid)
            .header("Authorization", "Bearer " + token)
            .setHeader("Content-Type", "text/plain")
            .build();
    assertProblem("text/plain", 415, receiver.send(textPlain));

    String big =
        Bodies.push(
            s[0],
            s[1],
            s[2],
            s[3],
            "run-big",
            Bodies.payloadWith("\"x\":[1,2.50]", "\"x\":\"" + "a".repeat(2 << 20) + "\""));
    byte[] bigBytes = big.getBytes(StandardCharsets.UTF_8);
    for (boolean chunked : new boolean[] {false, true}) {
      RawHttp.Answer tooLarge =
          RawHttp.post(receiver.uri("api/v1/metrics"), "Bearer " + token, bigBytes, chunked);
      String name = chunked ? "2 MiB chunked" : "2 MiB with Content-Length";
      assertEquals(413, tooLarge.status(), name + ": " + tooLarge.body());
      assertEquals("application/problem+json", tooLarge.contentType(), name);
      assertEquals(413, Receiver.json(tooLarge.body()).getInt("status"), name);
    }

    assertEquals(0, receiver.runs(s[0], s[1], s[2], s[3], "").size());
    assertTrue(receiver.ready(), "still ready after the refusals");
    assertEquals(201, receiver.push(token, valid, null).statusCode(), "a good push still works");
  }

  /** Asserts a problem+json answer with {@code status} and no internals; returns its JSON. */
  private static JsonObject assertProblem(String name, int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), name + ": " + response.body());
    assertEquals(
        "application/problem+json", response.headers().firstValue("Content-Type").orElse(""), name);
    JsonObject problem = Receiver.json(response.body());
    assertEquals(status, problem.getInt("status"), name);
    assertTrue(problem.containsKey("type") && problem.containsKey("title"), name);
    assertFalse(response.body().contains("Exception"), name + ": " + response.body());
    assertFalse(response.body().contains("\tat "), name + ": " + response.body());
    return problem;
  }
}
