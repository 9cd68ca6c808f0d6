package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.PushRequest;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.common.summary.StoredRun;
import dev.runnermetrics.common.token.PushTokens;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The API as users drive it: the seed's Local flow, idempotency, paging and concurrent pushes. */
@ExtendWith(ArquillianExtension.class)
class ApiIT {

  private static final String RECEIVED_AT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

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
  void seedsLocalFlowStoresAndServesTheRunUnderBothRepositoryForms() {
    String workflow = Receiver.freshScope("my-org", "my-repo", "build")[2];
    String token = receiver.mint("my-org", "my-repo", workflow, "build");
    assertTrue(token.matches("v1\\.[1-9][0-9]*\\.[0-9a-f]{64}"), token);
    assertTrue(
        PushTokens.withKey(Deployments.HMAC_KEY)
            .matches(
                receiver.mint("my-org", "my-org/my-repo", workflow, "build"),
                Scope.of("my-org", "my-repo", workflow, "build")),
        "a bare and a full repository mint tokens of one scope");

    HttpResponse<String> pushed =
        receiver.push(
            token, Bodies.push("my-org", "my-org/my-repo", workflow, "build", "run-123"), null);
    assertEquals(201, pushed.statusCode(), pushed.body());
    long id = Receiver.json(pushed.body()).getJsonNumber("id").longValueExact();
    String location = pushed.headers().firstValue("Location").orElseThrow();
    assertTrue(location.endsWith("/api/v1/metrics/" + id), location);
    assertEquals(
        1,
        Deployments.storedRuns("my-org", workflow),
        "the acknowledged run is in the " + Deployments.engine() + " database");

    JsonArray full = receiver.runs("my-org", "my-org/my-repo", workflow, "build", "");
    JsonArray bare = receiver.runs("my-org", "my-repo", workflow, "build", "");
    assertEquals(full, bare);
    assertEquals(1, full.size());
    JsonObject run = full.getJsonObject(0);
    assertEquals(
        List.of(
            "id",
            "organization",
            "repository",
            "workflow",
            "job",
            "run_id",
            "received_at",
            "payload"),
        List.copyOf(run.keySet()));
    assertEquals(id, run.getJsonNumber("id").longValueExact());
    assertEquals("my-org", run.getString("organization"));
    assertEquals("my-org/my-repo", run.getString("repository"));
    assertEquals(workflow, run.getString("workflow"));
    assertEquals("build", run.getString("job"));
    assertEquals("run-123", run.getString("run_id"));
    assertTrue(run.getString("received_at").matches(RECEIVED_AT), run.getString("received_at"));
    assertEquals(JsonValue.ValueType.OBJECT, run.get("payload").getValueType());

    String raw =
        receiver
            .get(
                "api/v1/metrics/repo/my-org/my-org%2Fmy-repo/" + workflow + "/build",
                "Bearer " + Deployments.READ_TOKEN)
            .body();
    assertTrue(
        raw.contains("\"payload\":" + Bodies.PAYLOAD + "}"),
        "payload must come back byte for byte: " + raw);

    HttpResponse<String> one =
        receiver.get("api/v1/metrics/" + id, "Bearer " + Deployments.READ_TOKEN);
    assertEquals(200, one.statusCode(), one.body());
    assertEquals(run, Receiver.json(one.body()));
  }

  @Test
  void theTypedClientDrivesTheSeedFlowWithTheContractRecords() throws Exception {
    ReceiverApi api = ReceiverClient.of(Deployments.base(url));
    String read = "Bearer " + Deployments.READ_TOKEN;
    String workflow = Receiver.freshScope("my-org", "my-repo", "build")[2];
    String token =
        api.token(read, new ReceiverApi.TokenRequest("my-org", "my-repo", workflow, "build"))
            .token();
    RunSummary summary;
    try (Jsonb jsonb = ContractJson.create()) {
      summary = jsonb.fromJson(Bodies.PAYLOAD, RunSummary.class);
    }
    StoredRun stored =
        api.push(
            "Bearer " + token,
            "typed-1",
            new PushRequest("my-org", "my-repo", workflow, "build", "run-typed", summary));
    assertEquals("my-org/my-repo", stored.repository());
    assertEquals(summary, stored.payload());
    assertEquals(
        stored.id(),
        api.push(
                "Bearer " + token,
                "typed-1",
                new PushRequest("my-org", "my-repo", workflow, "build", "run-typed", summary))
            .id(),
        "a retry names the first run");
    List<StoredRun> runs = api.runs(read, "my-org", "my-org/my-repo", workflow, "build", 10, null);
    assertEquals(List.of(stored), runs);
    assertEquals(stored, api.run(read, stored.id()));
  }

  @Test
  void pushesOverHttp2AreStoredToo() {
    // Receiver's JDK client (no version set) offers h2c and goes on over HTTP/2 on the upgraded
    // connection. Grizzly's HTTP/2 streams and the push's non-blocking body read did not mix (a
    // connection dropped mid-push, now and then): such pushes are read the blocking way.
    receiver.get("health/ready", null);
    String[] s = Receiver.freshScope("h2-org", "h2-org/repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    Set<HttpClient.Version> versions = new HashSet<>();
    for (int i = 0; i < 20; i++) {
      HttpResponse<String> pushed =
          receiver.push(token, Bodies.push(s[0], s[1], s[2], s[3], "run-" + i), null);
      assertEquals(201, pushed.statusCode(), pushed.body());
      versions.add(pushed.version());
    }
    assertTrue(
        versions.contains(HttpClient.Version.HTTP_2), "no push went over HTTP/2: " + versions);
    assertEquals(20, receiver.runs(s[0], s[1], s[2], s[3], "?limit=100").size());
  }

  @Test
  void bareRepositoryInTheBodyIsStoredInFullForm() {
    String[] s = Receiver.freshScope("my-org", "my-repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    HttpResponse<String> pushed =
        receiver.push(token, Bodies.push(s[0], "my-repo", s[2], s[3], "r1"), null);
    assertEquals(201, pushed.statusCode(), pushed.body());
    assertEquals("my-org/my-repo", Receiver.json(pushed.body()).getString("repository"));
    assertEquals(1, receiver.runs(s[0], "my-org/my-repo", s[2], s[3], "").size());
  }

  @Test
  void retriedPushWithTheSameIdempotencyKeyReturnsTheFirstRun() {
    String[] s = Receiver.freshScope("idem-org", "idem-org/repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    String body = Bodies.push(s[0], s[1], s[2], s[3], "run-1");

    HttpResponse<String> first = receiver.push(token, body, "key-1");
    HttpResponse<String> retry = receiver.push(token, body, "key-1");
    assertEquals(201, first.statusCode(), first.body());
    assertEquals(200, retry.statusCode(), retry.body());
    assertEquals(Receiver.json(first.body()), Receiver.json(retry.body()));
    assertEquals(1, receiver.runs(s[0], s[1], s[2], s[3], "").size());

    assertEquals(201, receiver.push(token, body, "key-2").statusCode());
    assertEquals(201, receiver.push(token, body, null).statusCode());
    assertEquals(201, receiver.push(token, body, null).statusCode());
    assertEquals(4, receiver.runs(s[0], s[1], s[2], s[3], "").size());

    String otherJob = "other";
    String otherToken = receiver.mint(s[0], s[1], s[2], otherJob);
    HttpResponse<String> elsewhere =
        receiver.push(otherToken, Bodies.push(s[0], s[1], s[2], otherJob, "run-1"), "key-1");
    assertEquals(201, elsewhere.statusCode(), elsewhere.body());
    assertNotEquals(
        Receiver.json(first.body()).getJsonNumber("id"),
        Receiver.json(elsewhere.body()).getJsonNumber("id"));

    HttpResponse<String> badKey = receiver.push(token, body, "k".repeat(256));
    assertEquals(400, badKey.statusCode(), badKey.body());
  }

  @Test
  void pagesNewestFirstWithBefore() {
    String[] s = Receiver.freshScope("page-org", "page-org/repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> pushed =
          receiver.push(token, Bodies.push(s[0], s[1], s[2], s[3], "run-" + i), null);
      assertEquals(201, pushed.statusCode(), pushed.body());
      ids.add(Receiver.json(pushed.body()).getJsonNumber("id").longValueExact());
    }
    assertEquals(
        List.of(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0)),
        ids(receiver.runs(s[0], s[1], s[2], s[3], "")));
    assertEquals(
        List.of(ids.get(4), ids.get(3)), ids(receiver.runs(s[0], s[1], s[2], s[3], "?limit=2")));
    assertEquals(
        List.of(ids.get(2), ids.get(1)),
        ids(receiver.runs(s[0], s[1], s[2], s[3], "?limit=2&before=" + ids.get(3))));
    assertEquals(
        List.of(ids.get(0)),
        ids(receiver.runs(s[0], s[1], s[2], s[3], "?limit=2&before=" + ids.get(1))));
    assertEquals(5, receiver.runs(s[0], s[1], s[2], s[3], "?limit=5000").size());
    assertEquals(
        "run-4",
        receiver.runs(s[0], s[1], s[2], s[3], "?limit=1").getJsonObject(0).getString("run_id"));

    String path =
        "api/v1/metrics/repo/" + s[0] + "/" + Receiver.enc(s[1]) + "/" + s[2] + "/" + s[3];
    HttpResponse<String> page = receiver.get(path + "?limit=2", "Bearer " + Deployments.READ_TOKEN);
    String link = page.headers().firstValue("Link").orElseThrow();
    assertTrue(link.contains("before=" + ids.get(3)) && link.contains("rel=\"next\""), link);

    HttpResponse<String> zero = receiver.get(path + "?limit=0", "Bearer " + Deployments.READ_TOKEN);
    assertEquals(400, zero.statusCode(), zero.body());
    assertEquals("limit", Receiver.json(zero.body()).getString("field"));
  }

  @Test
  void eightConcurrentPushersAreAllStored() throws Exception {
    String[] s = Receiver.freshScope("load-org", "load-org/repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    int clients = 8;
    int perClient = 10;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Callable<List<Integer>>> work = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        int client = c;
        work.add(
            () -> {
              List<Integer> statuses = new ArrayList<>();
              for (int i = 0; i < perClient; i++) {
                String body = Bodies.push(s[0], s[1], s[2], s[3], "run-" + client + "-" + i);
                statuses.add(receiver.push(token, body, "k-" + client + "-" + i).statusCode());
              }
              return statuses;
            });
      }
      for (Future<List<Integer>> statuses : pool.invokeAll(work)) {
        assertEquals(List.of(201, 201, 201, 201, 201, 201, 201, 201, 201, 201), statuses.get());
      }
    } finally {
      pool.shutdownNow();
    }
    JsonArray runs = receiver.runs(s[0], s[1], s[2], s[3], "?limit=1000");
    assertEquals(clients * perClient, runs.size());
    Set<String> runIds = new HashSet<>();
    runs.forEach(r -> runIds.add(r.asJsonObject().getString("run_id")));
    assertEquals(clients * perClient, runIds.size());
  }

  @Test
  void describesItselfAndReportsReadiness() {
    HttpResponse<String> openapi = receiver.get("openapi", null);
    assertEquals(200, openapi.statusCode());
    for (String path : List.of("/api/v1/token", "/api/v1/metrics", "/api/v1/metrics/repo/")) {
      assertTrue(openapi.body().contains(path), path + " missing from " + openapi.body());
    }
    HttpResponse<String> ready = receiver.get("health/ready", null);
    assertEquals(200, ready.statusCode(), ready.body());
    assertTrue(ready.body().contains("\"database\""), ready.body());
  }

  private static List<Long> ids(JsonArray runs) {
    List<Long> ids = new ArrayList<>();
    runs.forEach(r -> ids.add(r.asJsonObject().getJsonNumber("id").longValueExact()));
    return ids;
  }
}
