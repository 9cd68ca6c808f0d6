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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Everything the receiver must refuse, as tables whose every case is its own test: the auth matrix
 * and the corpus of bad bodies and headers, each answered with problem+json, nothing stored, and
 * the server still ready afterwards.
 */
@ExtendWith(ArquillianExtension.class)
class RefusalsIT {

  @Deployment(testable = false)
  static WebArchive deployment() {
    return Deployments.receiver();
  }

  /** Stands for the push token of {@link #S} in a case's headers until it is sent. */
  private static final String TOKEN = "{token}";

  /** The scope every corpus case pushes to (fresh per run: the database outlives runs). */
  private static final String[] S = Receiver.freshScope("hostile-org", "hostile-org/repo", "build");

  private static final String VALID = Bodies.push(S[0], S[1], S[2], S[3], "run-1");

  /** Tokens minted once per class run, by placeholder name. */
  private static final Map<String, String> TOKENS = new ConcurrentHashMap<>();

  @ArquillianResource URL url;

  private Receiver receiver;

  @BeforeEach
  void client() {
    receiver = new Receiver(Deployments.base(url), Deployments.READ_TOKEN);
  }

  private String token(String name, String org, String repo, String workflow, String job) {
    return TOKENS.computeIfAbsent(name, n -> receiver.mint(org, repo, workflow, job));
  }

  /** {@code text} with the token placeholders replaced by minted tokens. */
  private String resolve(String text) {
    if (text == null) {
      return null;
    }
    return text.replace(TOKEN, token(TOKEN, S[0], S[1], S[2], S[3]))
        .replace("{other}", token("{other}", S[0], S[1], S[2], "deploy"))
        .replace("{caseOnly}", token("{caseOnly}", S[0], S[1], S[2], "Build"))
        .replace("{spaceOnly}", token("{spaceOnly}", S[0], S[1], S[2], "build "))
        .replace("{orgCase}", token("{orgCase}", "Hostile-org", S[1], S[2], S[3]))
        .replace("{TOKEN}", token(TOKEN, S[0], S[1], S[2], S[3]).toUpperCase())
        .replace("{read}", Deployments.READ_TOKEN)
        .replace("{hmac}", Deployments.HMAC_KEY);
  }

  static Stream<Arguments> authMatrix() {
    return Stream.of(
        Arguments.of("no header", null, 401),
        Arguments.of("basic scheme", "Basic " + TOKEN, 401),
        Arguments.of("scheme only", "Bearer", 401),
        Arguments.of("two tokens", "Bearer " + TOKEN + " " + TOKEN, 401),
        Arguments.of("read token used to push", "Bearer {read}", 401),
        Arguments.of("not a push token", "Bearer nonsense", 401),
        Arguments.of("push token of another job", "Bearer {other}", 403),
        Arguments.of("scope differs only in case", "Bearer {caseOnly}", 403),
        Arguments.of("scope differs only in whitespace", "Bearer {spaceOnly}", 403),
        Arguments.of("organization differs only in case", "Bearer {orgCase}", 403),
        Arguments.of("uppercase hex of the right token", "Bearer {TOKEN}", 401));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authMatrix")
  void pushAuthMatrixRefusesAndStoresNothing(String name, String authorization, int status) {
    HttpRequest.Builder request = receiver.post("api/v1/metrics", VALID);
    if (authorization != null) {
      request.header("Authorization", resolve(authorization));
    }
    HttpResponse<String> response = receiver.send(request.build());
    assertProblem(name, status, response);
    if (status == 401) {
      assertTrue(
          response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"), name);
    }
    assertNothingStored();
  }

  @Test
  void aBodyWhoseScopeDiffersInCaseIsForbidden() {
    HttpResponse<String> bodyCase =
        receiver.push(resolve(TOKEN), Bodies.push(S[0], S[1], S[2], "BUILD", "run-1"), null);
    assertProblem("body scope differs in case", 403, bodyCase);
    assertEquals(0, receiver.runs(S[0], S[1], S[2], "BUILD", "").size());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "none",
        "Bearer",
        "Basic {read}",
        "Bearer wrong-read-token",
        "Bearer {read}x",
        "Bearer " + TOKEN,
        "Bearer {hmac}"
      })
  void readAndTokenEndpointsNeedTheReadToken(String given) {
    String authorization = given.equals("none") ? null : resolve(given);
    String path =
        "api/v1/metrics/repo/" + S[0] + "/" + Receiver.enc(S[1]) + "/" + S[2] + "/" + S[3];
    HttpResponse<String> query = receiver.get(path, authorization);
    assertProblem("GET with " + given, 401, query);
    assertTrue(query.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));

    HttpRequest.Builder mint =
        receiver.post("api/v1/token", Receiver.tokenBody(S[0], S[1], S[2], S[3]));
    if (authorization != null) {
      mint.header("Authorization", authorization);
    }
    HttpResponse<String> token = receiver.send(mint.build());
    assertProblem("POST /token with " + given, 401, token);
    assertFalse(token.body().contains(resolve(TOKEN)), "no token in a refusal");
  }

  @Test
  void badScopesInPathsAndTokenRequestsNameTheField() {
    HttpResponse<String> badScope =
        receiver.get(
            "api/v1/metrics/repo/" + S[0] + "/repo/" + S[2] + "/bu%01ild",
            "Bearer " + Deployments.READ_TOKEN);
    assertEquals(
        "job", assertProblem("control character in path", 400, badScope).getString("field"));

    HttpRequest emptyField =
        receiver
            .post("api/v1/token", Receiver.tokenBody(S[0], "", S[2], S[3]))
            .header("Authorization", "Bearer " + Deployments.READ_TOKEN)
            .build();
    assertEquals(
        "repository",
        assertProblem("token for empty repository", 400, receiver.send(emptyField))
            .getString("field"));
  }

  /** One hostile request: its body and header tricks, and the refusal it must get. */
  private record Hostile(
      String name, byte[] body, List<String[]> headers, int status, String field) {

    static Hostile body(String name, String body, String field) {
      return new Hostile(name, utf8(body), List.of(), 400, field);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** The corpus: each case its own test, so the first failure does not hide the rest. */
  static Stream<Arguments> corpus() {
    String[] s = S;
    String valid = VALID;
    String bearer = "Bearer " + TOKEN;
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    String many = "{}" + ",{}".repeat(99_999);
    List<Hostile> cases = new ArrayList<>();

    cases.add(Hostile.body("invalid JSON", valid.substring(0, valid.length() / 2), "body"));
    cases.add(Hostile.body("not an object", "[" + valid + "]", "body"));
    cases.add(Hostile.body("empty body", "", "body"));
    cases.add(Hostile.body("trailing garbage", valid + " x", "body"));
    cases.add(
        Hostile.body(
            "duplicated member",
            valid.replace("{\"organization\"", "{\"job\":\"x\",\"organization\""),
            "body"));
    cases.add(
        Hostile.body(
            "missing organization",
            valid.replace("\"organization\":\"" + s[0] + "\",", ""),
            "organization"));
    cases.add(
        Hostile.body("empty repository", Bodies.push(s[0], "", s[2], s[3], "run-1"), "repository"));
    cases.add(
        Hostile.body(
            "control character",
            Bodies.push(s[0], s[1], s[2] + "\u0007", s[3], "run-1"),
            "workflow"));
    cases.add(
        Hostile.body("newline in job", Bodies.push(s[0], s[1], s[2], s[3] + "\n", "run-1"), "job"));
    cases.add(
        Hostile.body(
            "long run id", Bodies.push(s[0], s[1], s[2], s[3], "r".repeat(256)), "run_id"));
    cases.add(
        Hostile.body(
            "missing payload", valid.substring(0, valid.indexOf(",\"payload\"")) + "}", "payload"));
    cases.add(
        Hostile.body(
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
        Hostile.body(
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
        Hostile.body(
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
        Hostile.body(
            "too large for the field",
            Bodies.push(
                s[0], s[1], s[2], s[3], "run-1", Bodies.payloadWith("\"pid\":42", "\"pid\":1e30")),
            "payload.top_cpu_processes[0].pid"));
    cases.add(
        Hostile.body(
            "fraction for a count",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "run-1",
                Bodies.payloadWith("\"sample_count\":11", "\"sample_count\":1.5")),
            "payload.sample_count"));
    cases.add(
        Hostile.body(
            "whole number written with a fraction",
            Bodies.push(
                s[0], s[1], s[2], s[3], "run-1", Bodies.payloadWith("\"pid\":42", "\"pid\":-42.0")),
            "payload.top_cpu_processes[0].pid"));
    cases.add(
        Hostile.body(
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
        Hostile.body(
            "bad time",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "run-1",
                Bodies.payloadWith("2026-02-06T14:30:02.185Z", "yesterday")),
            "body"));

    cases.add(
        Hostile.body(
            "100,000 nested arrays",
            Bodies.push(s[0], s[1], s[2], s[3], "r", Bodies.payloadWith("[1,2.50]", deep)),
            "body"));
    cases.add(
        Hostile.body(
            "33 nested objects",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith("[1,2.50]", "{\"a\":".repeat(33) + "1" + "}".repeat(33))),
            "body"));
    cases.add(
        Hostile.body(
            "100,000 containers",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.PAYLOAD.replaceFirst("\"containers\":\\[", "\"containers\":[" + many + ",")),
            "payload.containers"));
    cases.add(
        Hostile.body(
            "1001 top CPU processes",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith("\"top_mem_processes\":[]", "\"top_mem_processes\":[]")
                    .replace(
                        "\"top_cpu_processes\":[", "\"top_cpu_processes\":[" + "{},".repeat(1000))),
            "payload.top_cpu_processes"));
    cases.add(
        Hostile.body(
            "20,000 numbers in an unknown array",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith("[1,2.50]", "[0" + ",0".repeat(19_999) + "]")),
            "payload.future_field.x"));
    cases.add(
        Hostile.body(
            "a number of 500 digits",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith("\"peak\":12.50", "\"peak\":" + "9".repeat(500))),
            "payload.cpu_total_percent.peak"));
    cases.add(
        Hostile.body(
            "an exponent beyond double",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith("\"peak\":2.007", "\"peak\":1e999999999")),
            null));
    cases.add(
        Hostile.body(
            "an exponent beyond int",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith("\"peak\":2.007", "\"peak\":1e99999999999")),
            null));
    cases.add(
        Hostile.body(
            "a count beyond long",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith("\"sample_count\":11", "\"sample_count\":9223372036854775808")),
            "payload.sample_count"));
    cases.add(
        Hostile.body(
            "a 900 KB organization",
            Bodies.push("o".repeat(900_000), s[1], s[2], s[3], "r"),
            "organization"));
    cases.add(
        Hostile.body(
            "a 256-character job", Bodies.push(s[0], s[1], s[2], "j".repeat(256), "r"), "job"));
    cases.add(
        Hostile.body(
            "a C1 control character (NEL) in the workflow",
            Bodies.push(s[0], s[1], s[2] + "\u0085", s[3], "r"),
            "workflow"));
    cases.add(
        Hostile.body(
            "an escaped NUL in the job",
            valid.replace("\"job\":\"build\"", "\"job\":\"bu\\u0000ild\""),
            "job"));
    cases.add(
        Hostile.body(
            "an unpaired surrogate escape in the run id",
            valid.replace("\"run_id\":\"run-1\"", "\"run_id\":\"run-\\ud800\""),
            "run_id"));
    cases.add(
        Hostile.body("a raw NUL byte in a string", valid.replace("run-1", "run-\u0000-1"), "body"));
    cases.add(
        new Hostile(
            "bytes that are not UTF-8",
            concat(utf8(valid.substring(0, 20)), new byte[] {(byte) 0xC3, (byte) 0x28}),
            List.of(),
            400,
            "body"));
    cases.add(Hostile.body("a byte order mark", "\uFEFF" + valid, "body"));
    cases.add(Hostile.body("the JSON literal null", "null", "body"));
    cases.add(
        Hostile.body(
            "organization twice",
            valid.replace("{\"organization\"", "{\"organization\":\"x\",\"organization\""),
            "body"));
    cases.add(
        Hostile.body(
            "a key repeated through an escape",
            valid.replace("\"run_id\"", "\"j\\u006fb\":\"build\",\"run_id\""),
            "body"));
    cases.add(
        Hostile.body(
            "a container name twice",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith("{\"name\":\"runner\"", "{\"name\":\"runner\",\"name\":\"x\"")),
            "body"));
    cases.add(
        Hostile.body(
            "a number for the organization",
            valid.replace("\"organization\":\"hostile-org\"", "\"organization\":123"),
            "organization"));
    cases.add(
        Hostile.body(
            "an array for the job",
            valid.replace("\"job\":\"build\"", "\"job\":[\"build\"]"),
            "job"));
    cases.add(
        Hostile.body(
            "a string for the payload",
            Bodies.push(s[0], s[1], s[2], s[3], "r", "\"{}\""),
            "payload"));
    cases.add(
        Hostile.body(
            "an object for the containers",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.PAYLOAD
                    .replaceFirst("\"containers\":\\[", "\"containers\":{\"a\":[")
                    .replaceFirst("\\],\"top_cpu", "]},\"top_cpu")),
            "body"));
    cases.add(
        Hostile.body(
            "a boolean for a count",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith("\"sample_count\":11", "\"sample_count\":true")),
            "payload.sample_count"));
    cases.add(
        Hostile.body(
            "a number for a time",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith("\"2026-02-06T14:30:02.185Z\"", "1770388202185")),
            "body"));
    cases.add(
        Hostile.body(
            "null for the scope",
            valid.replace("\"organization\":\"hostile-org\"", "\"organization\":null"),
            "organization"));
    cases.add(
        new Hostile(
            "two Authorization headers",
            utf8(valid),
            List.of(new String[] {"Authorization", bearer}, new String[] {"Authorization", bearer}),
            400,
            "Authorization"));
    cases.add(
        new Hostile(
            "two Content-Type headers",
            utf8(valid),
            List.of(
                new String[] {"Authorization", bearer},
                new String[] {"Content-Type", "application/json"},
                new String[] {"Content-Type", "application/json"}),
            400,
            "Content-Type"));
    cases.add(
        new Hostile(
            "two Idempotency-Key headers",
            utf8(valid),
            List.of(
                new String[] {"Authorization", bearer},
                new String[] {"Idempotency-Key", "a"},
                new String[] {"Idempotency-Key", "b"}),
            400,
            "Idempotency-Key"));
    cases.add(
        new Hostile(
            "a 300-character Idempotency-Key",
            utf8(valid),
            List.of(
                new String[] {"Authorization", bearer},
                new String[] {"Idempotency-Key", "k".repeat(300)}),
            400,
            "Idempotency-Key"));
    cases.add(
        new Hostile(
            "the token with something appended",
            utf8(valid),
            List.<String[]>of(new String[] {"Authorization", bearer + "0"}),
            401,
            null));
    cases.add(
        new Hostile(
            "a comma-separated second credential",
            utf8(valid),
            List.<String[]>of(new String[] {"Authorization", bearer + ", Basic eDp5"}),
            401,
            null));
    cases.add(
        new Hostile(
            "a 4 KB bearer token",
            utf8(valid),
            List.<String[]>of(new String[] {"Authorization", "Bearer " + "a".repeat(4_096)}),
            401,
            null));
    cases.add(
        new Hostile(
            "a push token for a path-like workflow",
            utf8(Bodies.push(s[0], s[1], "../../" + s[2], s[3], "r")),
            List.<String[]>of(new String[] {"Authorization", bearer}),
            403,
            null));
    cases.add(
        new Hostile(
            "a repository of another organization",
            utf8(Bodies.push(s[0], "other-org/repo", s[2], s[3], "r")),
            List.<String[]>of(new String[] {"Authorization", bearer}),
            403,
            null));
    cases.add(
        new Hostile(
            "text/json",
            utf8(valid),
            List.of(
                new String[] {"Authorization", bearer}, new String[] {"Content-Type", "text/json"}),
            415,
            null));

    cases.add(
        Hostile.body(
            "a fraction for the cgroup memory peak",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith(
                    "\"memory_limit_bytes\":1073741824",
                    "\"memory_limit_bytes\":1073741824,\"cgroup_memory_peak_bytes\":1.5")),
            "payload.containers[0].cgroup_memory_peak_bytes"));
    cases.add(
        Hostile.body(
            "a fraction for the memory limit",
            Bodies.push(
                s[0],
                s[1],
                s[2],
                s[3],
                "r",
                Bodies.payloadWith(
                    "\"memory_limit_bytes\":1073741824", "\"memory_limit_bytes\":1.5")),
            "payload.containers[0].memory_limit_bytes"));
    cases.add(
        new Hostile(
            "text/plain",
            utf8(valid),
            List.<String[]>of(new String[] {"Content-Type", "text/plain"}),
            415,
            null));
    return cases.stream().map(c -> Arguments.of(c.name(), c));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void refusesWithAProblemAndStoresNothing(String name, Hostile c) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(receiver.uri("api/v1/metrics"))
            .timeout(java.time.Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
    boolean typed = c.headers().stream().anyMatch(h -> h[0].equals("Content-Type"));
    boolean authorized = c.headers().stream().anyMatch(h -> h[0].equals("Authorization"));
    if (!typed) {
      request.header("Content-Type", "application/json");
    }
    if (!authorized) {
      request.header("Authorization", resolve("Bearer " + TOKEN));
    }
    c.headers().forEach(h -> request.header(h[0], resolve(h[1])));
    JsonObject problem = assertProblem(name, c.status(), receiver.send(request.build()));
    if (c.field() != null) {
      assertEquals(c.field(), problem.getString("field", null), name + ": " + problem);
    }
    assertNothingStored();
    assertTrue(receiver.ready(), "still ready after " + name);
  }

  @ParameterizedTest(name = "2 MiB, chunked: {0}")
  @ValueSource(booleans = {false, true})
  void aBodyOverOneMebibyteIsRefusedWhileItArrives(boolean chunked) {
    String big =
        Bodies.push(
            S[0],
            S[1],
            S[2],
            S[3],
            "run-big",
            Bodies.payloadWith("\"x\":[1,2.50]", "\"x\":\"" + "a".repeat(2 << 20) + "\""));
    RawHttp.Answer tooLarge =
        RawHttp.post(
            receiver.uri("api/v1/metrics"), resolve("Bearer " + TOKEN), utf8(big), chunked);
    assertEquals(413, tooLarge.status(), tooLarge.body());
    assertEquals("application/problem+json", tooLarge.contentType());
    assertEquals(413, Receiver.json(tooLarge.body()).getInt("status"));
    assertNothingStored();
  }

  @Test
  void theCorpusHasEveryCase() {
    assertTrue(corpus().count() >= 60, "a corpus of at least 60 cases");
  }

  private void assertNothingStored() {
    assertEquals(0, receiver.runs(S[0], S[1], S[2], S[3], "").size(), "nothing stored");
    assertEquals(0, receiver.runs(S[0], "other-org/repo", S[2], S[3], "").size());
  }

  @Test
  void headerFormsThatAreAcceptedAndUnicodeScopesRoundTrip() {
    String[] s = {"組織-ü", "組織-ü/repo 🚀", "../../etc/passwd", "bu‮ild"};
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    String body = Bodies.push(s[0], s[1], s[2], s[3], "run-1");
    for (String authorization :
        new String[] {"bearer " + token, "BEARER " + token, "Bearer   " + token + "   "}) {
      HttpResponse<String> response =
          receiver.send(
              receiver.post("api/v1/metrics", body).header("Authorization", authorization).build());
      assertEquals(201, response.statusCode(), authorization + ": " + response.body());
    }
    String decomposed = "組織-u\u0308";
    HttpResponse<String> otherForm =
        receiver.push(
            token, Bodies.push(decomposed, decomposed + "/repo 🚀", s[2], s[3], "r"), null);
    assertProblem("the same name in another Unicode normal form", 403, otherForm);
    HttpResponse<String> last = receiver.push(token, body, null);
    assertEquals(201, last.statusCode(), last.body());
    long id = Receiver.json(last.body()).getJsonNumber("id").longValueExact();
    JsonObject stored =
        Receiver.json(
            receiver.get("api/v1/metrics/" + id, "Bearer " + Deployments.READ_TOKEN).body());
    assertEquals(s[0], stored.getString("organization"));
    assertEquals(s[1], stored.getString("repository"));
    assertEquals(s[2], stored.getString("workflow"));
    assertEquals(s[3], stored.getString("job"));
  }

  @Test
  void aSlowBodyIsCutOffWhileOthersAreServed() throws Exception {
    String[] s = Receiver.freshScope("slow-org", "slow-org/repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    byte[] body = utf8(Bodies.push(s[0], s[1], s[2], s[3], "slow"));
    java.net.URI uri = receiver.uri("api/v1/metrics");
    try (java.net.Socket socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(60_000);
      java.io.OutputStream out = socket.getOutputStream();
      out.write(
          utf8(
              "POST /api/v1/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                  + token
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n"));
      out.flush();
      long start = System.nanoTime();
      int sent = 0;
      int served = 0;
      // One byte every 100 ms: the body would take minutes; the receiver gives up after its
      // receiver.body-timeout-ms (10 s in arquillian.xml) and keeps serving everyone else. The
      // 120 s bound only guards against a receiver that never answers.
      java.io.InputStream in = socket.getInputStream();
      while (sent < body.length
          && in.available() == 0
          && System.nanoTime() - start < 120_000_000_000L) {
        try {
          out.write(body[sent++]);
          out.flush();
        } catch (java.io.IOException closedByServer) {
          break;
        }
        // The first push goes right after the first byte, so one is always served while the
        // slow body is held, however slow the machine; more follow while it lasts.
        if (sent == 1 || sent % 10 == 0) {
          assertEquals(
              201,
              receiver
                  .push(token, Bodies.push(s[0], s[1], s[2], s[3], "fast-" + sent), null)
                  .statusCode());
          served++;
        }
        Thread.sleep(100);
      }
      socket.shutdownOutput();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(answer.startsWith("HTTP/1.1 408"), answer);
      assertTrue(answer.contains("application/problem+json"), answer);
      assertTrue(served >= 1, "other clients were served meanwhile: " + served);
      assertEquals(
          served, receiver.runs(s[0], s[1], s[2], s[3], "").size(), "the slow push is not stored");
    }
    assertTrue(receiver.ready());
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
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
