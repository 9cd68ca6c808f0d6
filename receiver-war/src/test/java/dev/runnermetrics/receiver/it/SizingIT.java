package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.quantity.Quantities;
import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.receiver.sizing.control.SizingAdvisor;
import dev.runnermetrics.receiver.sizing.control.SizingParameters;
import dev.runnermetrics.receiver.sizing.entity.ContainerAdvice;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.bind.Jsonb;
import java.io.StringReader;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The sizing API as users drive it: runs pushed with a minted token, then advice (JSON, YAML,
 * CGROUP_LIMITS), the organisation view and usage trends read with the read token; and the same
 * refusals as the query endpoint. Runs on both engines: SQLite, and PostgreSQL in the failsafe
 * execution {@code postgresql} (the organisation view's SQL aggregates on each).
 */
@ExtendWith(ArquillianExtension.class)
class SizingIT {

  private static final long MIB = 1024L * 1024;
  private static final long GIB = 1024 * MIB;
  private static final Jsonb JSONB = ContractJson.create();

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

  /** One container of a pushed run: the figures the sizing method reads. */
  record Box(
      String name,
      double cpuP95,
      double cpuAvg,
      long memoryPeak,
      long memoryAvg,
      Double cpuLimit,
      Long memoryLimit,
      Long oomKills,
      Double throttledRatio) {

    static Box build(double cpuP95) {
      return new Box("build", cpuP95, 0.5, 512 * MIB, 256 * MIB, 4.0, 2 * GIB, 0L, 0.0);
    }

    Box limits(Double cpu, Long memory) {
      return new Box(name, cpuP95, cpuAvg, memoryPeak, memoryAvg, cpu, memory, oomKills, null);
    }

    Box oom(long kills) {
      return new Box(
          name, cpuP95, cpuAvg, memoryPeak, memoryAvg, cpuLimit, memoryLimit, kills, null);
    }

    Box named(String other) {
      return new Box(
          other, cpuP95, cpuAvg, memoryPeak, memoryAvg, cpuLimit, memoryLimit, oomKills, null);
    }
  }

  private static final double DURATION = 600;

  private static JsonObjectBuilder stats(double peak, double avg, double p95) {
    return Json.createObjectBuilder()
        .add("peak", peak)
        .add("avg", avg)
        .add("p50", avg)
        .add("p75", avg)
        .add("p95", p95)
        .add("p99", peak);
  }

  /** A payload of a 600-second run with 300 ticks, whose containers are {@code boxes}. */
  static String payload(Box... boxes) {
    var containers = Json.createArrayBuilder();
    for (Box b : boxes) {
      JsonObjectBuilder c =
          Json.createObjectBuilder()
              .add("name", b.name())
              .add("cpu_cores", stats(b.cpuP95() * 1.2, b.cpuAvg(), b.cpuP95()))
              .add("memory_bytes", stats(b.memoryPeak(), b.memoryAvg(), b.memoryPeak()))
              .add("cpu_seconds", b.cpuAvg() * DURATION)
              .add("cpu_source", "cgroup");
      if (b.cpuLimit() != null) {
        c.add("cpu_limit_cores", b.cpuLimit());
      }
      if (b.memoryLimit() != null) {
        c.add("memory_limit_bytes", b.memoryLimit());
      }
      if (b.oomKills() != null) {
        c.add("oom_kills", b.oomKills());
      }
      if (b.throttledRatio() != null) {
        c.add("cpu_throttled_ratio", b.throttledRatio());
      }
      containers.add(c);
    }
    return Json.createObjectBuilder()
        .add("start_time", "2026-02-06T14:30:00.000Z")
        .add("end_time", "2026-02-06T14:40:00.000Z")
        .add("duration_seconds", DURATION)
        .add("sample_count", 300)
        .add("cpu_total_percent", stats(50, 20, 40))
        .add("mem_used_bytes", stats(GIB, GIB / 2.0, GIB))
        .add("containers", containers)
        .add("top_cpu_processes", Json.createArrayBuilder())
        .add("top_mem_processes", Json.createArrayBuilder())
        .build()
        .toString();
  }

  /** Pushes one run with a minted token; returns the payload pushed. */
  private String push(String[] scope, String runId, Box... boxes) {
    String token = receiver.mint(scope[0], scope[1], scope[2], scope[3]);
    String payload = payload(boxes);
    HttpResponse<String> pushed =
        receiver.push(
            token, Bodies.push(scope[0], scope[1], scope[2], scope[3], runId, payload), null);
    assertEquals(201, pushed.statusCode(), pushed.body());
    return payload;
  }

  private static String jobPath(String[] s) {
    return "api/v1/sizing/repo/"
        + Receiver.enc(s[0])
        + "/"
        + Receiver.enc(s[1])
        + "/"
        + Receiver.enc(s[2])
        + "/"
        + Receiver.enc(s[3]);
  }

  private HttpResponse<String> read(String path) {
    return receiver.get(path, "Bearer " + Deployments.READ_TOKEN);
  }

  private JsonObject ok(String path) {
    HttpResponse<String> response = read(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return Receiver.json(response.body());
  }

  private static String freshOrg() {
    return "sizing-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void advisesFromThePushedRunsAsTheMethodDoesInEveryForm() {
    String org = freshOrg();
    String[] s = {org, org + "/app", "ci.yml", "build"};
    List<ContainerRun> rows = new ArrayList<>();
    double[] p95 = {1.0, 1.1, 0.9, 1.2, 1.0};
    for (int i = 0; i < p95.length; i++) {
      String runId = "run-" + i;
      String payload = push(s, runId, Box.build(p95[i]), Box.build(0.2).named("db"));
      RunSummary summary = JSONB.fromJson(payload, RunSummary.class);
      Instant time = Instant.EPOCH.plusSeconds(i);
      summary.containers().forEach(c -> rows.add(ContainerRun.of(runId, time, summary, c)));
    }
    SizingAdvice expected = SizingAdvisor.advise(rows, SizingParameters.DEFAULTS);
    ContainerAdvice build = expected.container("build").orElseThrow();

    JsonObject full = ok(jobPath(s));
    String[] bare = {org, "app", "ci.yml", "build"};
    JsonObject viaBare = ok(jobPath(bare));
    assertEquals(full.getJsonArray("containers"), viaBare.getJsonArray("containers"));
    assertEquals(5, full.getInt("runs_in_window"));
    JsonArray containers = full.getJsonArray("containers");
    assertEquals(2, containers.size());
    JsonObject got = containers.getJsonObject(0);
    assertEquals("build", got.getString("name"));
    assertEquals(
        build.cpuRequestCores(), got.getJsonNumber("cpu_request_cores").doubleValue(), 1e-9);
    assertTrue(got.getJsonNumber("cpu_request_cores").doubleValue() >= 1.2 * 1.2 - 1e-9);
    assertEquals(build.memoryLimitBytes(), got.getJsonNumber("memory_limit_bytes").longValue());
    assertEquals(build.memoryRequestBytes(), got.getJsonNumber("memory_request_bytes").longValue());
    assertEquals(5, got.getInt("runs_used"));
    assertEquals(build.confidence().level(), got.getJsonObject("confidence").getString("level"));
    assertEquals(expected.wasteCoreHours(), full.getJsonNumber("waste_core_hours").doubleValue());
    assertEquals(expected.wasteGibHours(), full.getJsonNumber("waste_gib_hours").doubleValue());

    // The same advice with other parameters: the window and percentile reach the method.
    JsonObject two = ok(jobPath(s) + "?runs=2&cpu_percentile=p99&headroom=0.5");
    assertEquals(2, two.getInt("runs_in_window"));
    assertEquals("p99", two.getString("cpu_percentile"));

    for (HttpResponse<String> yaml :
        List.of(
            read(jobPath(s) + "?format=yaml"),
            receiver.send(
                HttpRequest.newBuilder(receiver.uri(jobPath(s)))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + Deployments.READ_TOKEN)
                    .header("Accept", "application/yaml")
                    .GET()
                    .build()))) {
      assertEquals(200, yaml.statusCode(), yaml.body());
      assertTrue(
          yaml.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
      Map<String, Object> doc =
          new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml.body());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> list = (List<Map<String, Object>>) doc.get("containers");
      Map<String, Object> first = list.get(0);
      assertEquals("build", first.get("name"));
      @SuppressWarnings("unchecked")
      Map<String, Map<String, String>> resources =
          (Map<String, Map<String, String>>) first.get("resources");
      assertEquals(
          got.getJsonNumber("cpu_request_cores").doubleValue(),
          Quantities.cpuCores(resources.get("requests").get("cpu")),
          1e-9);
      assertEquals(
          got.getJsonNumber("memory_request_bytes").longValue(),
          Quantities.bytes(resources.get("requests").get("memory")));
      assertEquals(
          got.getJsonNumber("memory_limit_bytes").longValue(),
          Quantities.bytes(resources.get("limits").get("memory")));
    }

    JsonObject cgroupLimits = ok(jobPath(s) + "?format=cgroup-limits");
    assertEquals(
        got.getJsonNumber("memory_limit_bytes").longValue(),
        Quantities.bytes(cgroupLimits.getJsonObject("build").getString("memory")));
    assertTrue(cgroupLimits.containsKey("db"));
  }

  @Test
  void theOrganisationViewSumsWasteInSqlOrdersAndPages() {
    String org = freshOrg();
    String[] wasteful = {org, "app", "ci.yml", "a-wasteful"};
    String[] tight = {org, "app", "ci.yml", "b-tight"};
    String[] unlimited = {org, "lib", "ci.yml", "c-unlimited"};
    String[] killed = {org, "lib", "ci.yml", "d-killed"};
    for (int i = 0; i < 2; i++) {
      push(wasteful, "r" + i, Box.build(1.0));
      push(tight, "r" + i, Box.build(1.0).limits(2.0, GIB));
      push(unlimited, "r" + i, Box.build(1.0).limits(null, null));
    }
    push(killed, "r0", Box.build(1.0).limits(1.0, GIB).oom(2));

    JsonArray jobs = array(read("api/v1/sizing/repo/" + org));
    assertEquals(List.of("a-wasteful", "b-tight", "d-killed", "c-unlimited"), jobNames(jobs));
    JsonObject a = jobs.getJsonObject(0);
    assertEquals("app", a.getString("repository").substring(org.length() + 1));
    assertEquals(2, a.getInt("run_count"));
    // Two runs of 600 s at 0.5 of 4 cores: (4 - 0.5) × 600 s × 2 = 4200 core-seconds.
    assertEquals(4200 / 3600.0, a.getJsonNumber("waste_core_hours").doubleValue(), 1e-6);
    // Memory (2 GiB - 256 MiB) × 600 s × 2.
    assertEquals(1.75 * 1200 / 3600, a.getJsonNumber("waste_gib_hours").doubleValue(), 1e-6);
    assertEquals("low", a.getString("confidence"));
    assertTrue(a.getString("last_run_at").matches("\\d{4}-.*T.*\\.\\d{3}Z"), a.toString());
    // The job's own advice computes the same waste over the same runs.
    JsonObject advice = ok(jobPath(wasteful));
    assertEquals(
        advice.getJsonNumber("waste_core_hours").doubleValue(),
        a.getJsonNumber("waste_core_hours").doubleValue(),
        1e-6);
    JsonObject c = jobs.getJsonObject(3);
    assertFalse(c.containsKey("waste_core_hours"), "unknown figures are left out: " + c);
    JsonObject d = jobs.getJsonObject(2);
    assertEquals(2, d.getInt("oom_kills"));
    assertEquals("none", d.getString("confidence"));

    assertEquals(
        "d-killed", jobNames(array(read("api/v1/sizing/repo/" + org + "?sort=oom_kills"))).get(0));
    assertEquals(
        List.of("a-wasteful", "b-tight", "c-unlimited", "d-killed"),
        jobNames(array(read("api/v1/sizing/repo/" + org + "?sort=name"))));

    HttpResponse<String> first = read("api/v1/sizing/repo/" + org + "?limit=3");
    assertEquals(3, array(first).size());
    String next = first.headers().firstValue("Link").orElseThrow();
    assertTrue(next.contains("offset=3") && next.endsWith("rel=\"next\""), next);
    String nextPath = next.substring(next.indexOf("api/v1/"), next.indexOf('>'));
    JsonArray rest = array(read(nextPath));
    assertEquals(List.of("c-unlimited"), jobNames(rest));
    assertTrue(read(nextPath).headers().firstValue("Link").isEmpty());

    assertEquals(0, array(read("api/v1/sizing/repo/" + freshOrg())).size());
  }

  @Test
  void usageGivesOneColumnPerFigureOldestFirst() {
    String org = freshOrg();
    String[] s = {org, "app", "ci.yml", "test"};
    push(s, "first", Box.build(1.0));
    push(s, "second", Box.build(2.0).oom(1));
    push(s, "third", Box.build(1.5), Box.build(0.1).named("db"));

    JsonObject build = ok(jobPath(s) + "/usage?container=build");
    assertEquals("build", build.getString("container"));
    assertEquals(strings("first", "second", "third"), build.getJsonArray("run_id"));
    assertEquals(3, build.getJsonArray("cpu_p95_cores").size());
    assertEquals(2.0, build.getJsonArray("cpu_p95_cores").getJsonNumber(1).doubleValue());
    assertEquals(1, build.getJsonArray("oom_kills").getJsonNumber(1).longValue());
    assertEquals(600.0, build.getJsonArray("duration_seconds").getJsonNumber(0).doubleValue());

    JsonObject db = ok(jobPath(s) + "/usage?container=db&runs=2");
    assertEquals(strings("third"), db.getJsonArray("run_id"));
    JsonObject lastTwo = ok(jobPath(s) + "/usage?container=build&runs=2");
    assertEquals(strings("second", "third"), lastTwo.getJsonArray("run_id"));

    assertProblem(404, read(jobPath(s) + "/usage?container=nope"));
  }

  @Test
  void aJobWithoutRunsIsNotFound() {
    String[] s = {freshOrg(), "app", "ci.yml", "never"};
    assertProblem(404, read(jobPath(s)));
    assertProblem(404, read(jobPath(s) + "/usage?container=build"));
  }

  static Stream<Arguments> authorizations() {
    return Stream.of(
        Arguments.of("none", null),
        Arguments.of("scheme only", "Bearer"),
        Arguments.of("wrong token", "Bearer wrong-read-token"),
        Arguments.of("read token plus a letter", "Bearer " + Deployments.READ_TOKEN + "x"),
        Arguments.of("basic", "Basic " + Deployments.READ_TOKEN),
        Arguments.of("push token", "Bearer {push}"),
        Arguments.of("hmac key", "Bearer " + Deployments.HMAC_KEY));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("authorizations")
  void everySizingEndpointNeedsTheReadToken(String name, String authorization) {
    String[] s = {"sizing-auth", "app", "ci.yml", "build"};
    String given =
        authorization == null
            ? null
            : authorization.replace("{push}", receiver.mint(s[0], s[1], s[2], s[3]));
    for (String path :
        List.of(
            jobPath(s),
            jobPath(s) + "?format=yaml",
            jobPath(s) + "/usage?container=build",
            "api/v1/sizing/repo/sizing-auth")) {
      HttpResponse<String> response = receiver.get(path, given);
      assertProblem(401, response);
      assertTrue(
          response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"),
          name + " " + path);
    }
  }

  static Stream<Arguments> badParameters() {
    return Stream.of(
        Arguments.of("?runs=0", "runs"),
        Arguments.of("?runs=1001", "runs"),
        Arguments.of("?runs=ten", "runs"),
        Arguments.of("?cpu_percentile=p42", "cpu_percentile"),
        Arguments.of("?headroom=-0.1", "headroom"),
        Arguments.of("?headroom=NaN", "headroom"),
        Arguments.of("?headroom=3", "headroom"),
        Arguments.of("?cpu_ceiling=lots", "cpu_ceiling"),
        Arguments.of("?cpu_ceiling=10m", "cpu_ceiling"),
        Arguments.of("?memory_ceiling=1Ki", "memory_ceiling"),
        Arguments.of("?format=xml", "format"),
        Arguments.of("/usage", "container"),
        Arguments.of("/usage?container=build&runs=-1", "runs"),
        Arguments.of("/usage?container=a%01b", "container"),
        Arguments.of("//sort=x", "sort"),
        Arguments.of("//limit=0", "limit"),
        Arguments.of("//limit=501", "limit"),
        Arguments.of("//offset=-1", "offset"),
        Arguments.of("//offset=1e3", "offset"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badParameters")
  void badParametersAreA400NamingThemAndChangeNothing(String query, String field) {
    String org = "sizing-bad";
    String[] s = {org, "app", "ci.yml", "build"};
    push(s, "run-" + UUID.randomUUID(), Box.build(1.0));
    int before = receiver.runs(s[0], s[1], s[2], s[3], "?limit=1000").size();
    String path =
        query.startsWith("//")
            ? "api/v1/sizing/repo/" + org + "?" + query.substring(2)
            : jobPath(s) + query;
    JsonObject problem = assertProblem(400, read(path));
    assertEquals(field, problem.getString("field"), problem.toString());
    assertEquals(before, receiver.runs(s[0], s[1], s[2], s[3], "?limit=1000").size());
  }

  static Stream<Arguments> hostilePaths() {
    String base = "api/v1/sizing/repo/";
    return Stream.of(
        Arguments.of(base + "org/app/ci.yml/bu%01ild", "job"),
        Arguments.of(base + "org/app/ci.yml/bu%0Aild/usage?container=x", "job"),
        Arguments.of(base + "or%07g", "organization"),
        Arguments.of(base + "org/" + "r".repeat(256) + "/ci.yml/build", "repository"),
        Arguments.of(base + "o%1Bg/app/ci.yml/build?format=yaml", "organization"),
        Arguments.of(base + "%20/app/ci.yml/%7F", null),
        Arguments.of(base + "org/..%2F..%2Fmetrics/ci.yml/build", null),
        Arguments.of(base + "org/%2e%2e/ci.yml/build", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostilePaths")
  void hostilePathSegmentsGetAProblem(String path, String field) {
    HttpResponse<String> response = read(path);
    assertTrue(
        response.statusCode() >= 400 && response.statusCode() < 500,
        path + " " + response.statusCode());
    JsonObject problem = assertProblem(response.statusCode(), response);
    if (field != null) {
      assertEquals(field, problem.getString("field"), problem.toString());
    }
    assertFalse(response.body().contains("Exception"), response.body());
  }

  @Test
  void aNulByteInThePathIsRefusedAsTheQueryEndpointRefusesIt() {
    // The HTTP layer answers a %00 before any resource runs, the same for every endpoint.
    int query = read("api/v1/metrics/repo/or%00g/app/ci.yml/build").statusCode();
    int sizing = read("api/v1/sizing/repo/or%00g/app/ci.yml/build").statusCode();
    int organisation = read("api/v1/sizing/repo/or%00g").statusCode();
    assertTrue(query >= 400 && query < 500, "query endpoint: " + query);
    assertEquals(query, sizing);
    assertEquals(query, organisation);
  }

  private static JsonObject assertProblem(int status, HttpResponse<String> response) {
    assertEquals(status, response.statusCode(), response.body());
    assertEquals(
        "application/problem+json",
        response.headers().firstValue("Content-Type").orElse("").split(";")[0]);
    JsonObject problem = Receiver.json(response.body());
    assertEquals(status, problem.getInt("status"));
    return problem;
  }

  private static JsonArray array(HttpResponse<String> response) {
    assertEquals(200, response.statusCode(), response.body());
    return Json.createReader(new StringReader(response.body())).readArray();
  }

  private static List<String> jobNames(JsonArray jobs) {
    return jobs.stream().map(j -> j.asJsonObject().getString("job")).toList();
  }

  private static JsonArray strings(String... values) {
    var array = Json.createArrayBuilder();
    for (String v : values) {
      array.add(v);
    }
    return array.build();
  }
}
