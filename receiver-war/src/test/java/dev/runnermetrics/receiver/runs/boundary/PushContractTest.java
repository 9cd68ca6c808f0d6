package dev.runnermetrics.receiver.runs.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ProcessSummary;
import dev.runnermetrics.common.summary.PushRequest;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.common.summary.Stats;
import dev.runnermetrics.receiver.problems.control.RequestBodies;
import dev.runnermetrics.receiver.runs.control.PushContract;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.validation.constraints.Max;
import java.io.StringReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The quick push check against the full path (structural pass, JSON-B, Bean Validation with
 * Hibernate Validator as Payara runs it): on a corpus of thousands of bodies made by mutating valid
 * pushes member by member, whatever the quick check accepts the full path accepts too, with the
 * same scope, run id and payload; and real pushes do take the quick way.
 */
class PushContractTest {

  private static final Jsonb JSONB = JsonbBuilder.create();

  private static final PushContract CONTRACT = PushContract.of(PushRequest.class);

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
  }

  /** A push as the collector writes it: JSON-B of the contract's records. */
  static String collectorPush() {
    RunSummary payload =
        new RunSummary(
            Instant.parse("2026-02-06T14:30:02.185Z"),
            Instant.parse("2026-02-06T14:30:22.190Z"),
            20.005,
            11,
            new Stats(87.5, 40.25, 38, 60, 85, 87.2),
            new Stats(18567168, 18567168, 18567168, 18567168, 18567168, 18567168),
            List.of(
                new ContainerSummary(
                    "runner",
                    new Stats(2.007, 1.5, 1.817, 1.9, 2.004, 2.006),
                    new Stats(18567168, 18567168, 18567168, 18567168, 18567168, 18567168),
                    2.0,
                    1073741824L,
                    30.5,
                    "cgroup",
                    new Stats(20971520, 20971520, 20971520, 20971520, 20971520, 20971520),
                    25165824L),
                new ContainerSummary(
                    "sidecar", Stats.EMPTY, Stats.EMPTY, null, null, null, null, null, null)),
            List.of(new ProcessSummary(42, "node (worker)", "runner", 100.5, 50.25, 1048576)),
            List.of(new ProcessSummary(7, "my proc) (x", "sidecar", 0, 0, 4096)));
    return JSONB.toJson(new PushRequest("my-org", "my-repo", "ci.yml", "build", "run-17", payload));
  }

  /** Numbers and layout as other clients write them: exponents, trailing zeros, whitespace. */
  static final String HAND_WRITTEN =
      "{ \"payload\" : {\"start_time\":\"2026-02-06T15:30:02+01:00\","
          + "\"end_time\":\"2026-02-06T14:30:22.190Z\",\"duration_seconds\":2e1,"
          + "\"sample_count\":0,"
          + "\"cpu_total_percent\":{\"peak\":12.50,\"avg\":1.5e1,\"p50\":0.0000001,\"p75\":1,"
          + "\"p95\":2,\"p99\":3},"
          + "\"mem_used_bytes\":{\"peak\":18567168,\"avg\":18567168.0,\"p50\":1,\"p75\":1,"
          + "\"p95\":1,\"p99\":1},\"containers\":[],\"top_cpu_processes\":[],"
          + "\"top_mem_processes\":[]},\n \"job\":\"j\\u00f6b ü\", \"workflow\":\"a/b.yml\","
          + " \"repository\":\"other-org/r\", \"organization\":\"o\", \"run_id\":\"1\"}";

  @Test
  void realPushesTakeTheQuickWayWithTheFullPathsResult() {
    for (String push : List.of(collectorPush(), HAND_WRITTEN)) {
      Optional<PushContract.Accepted> quick = CONTRACT.accept(push);
      assertTrue(quick.isPresent(), push);
      assertSameResult(push);
    }
  }

  @Test
  void everyBodyTheQuickCheckAcceptsTheFullPathAcceptsAlike() {
    int quick = 0;
    int refusedByBoth = 0;
    int total = 0;
    for (String base : List.of(collectorPush(), HAND_WRITTEN)) {
      for (String mutant : mutants(base)) {
        total++;
        boolean fullAccepts = fullAccepts(mutant);
        if (CONTRACT.accept(mutant).isPresent()) {
          quick++;
          assertTrue(fullAccepts, () -> "quick check accepted, full path refuses: " + mutant);
          assertSameResult(mutant);
        } else if (!fullAccepts) {
          refusedByBoth++;
        }
      }
    }
    System.out.printf(
        "PushContractTest corpus: %d bodies, %d taken the quick way, %d refused by both%n",
        total, quick, refusedByBoth);
    // The corpus must reach both sides, or it proves nothing.
    assertTrue(total > 2000, "corpus size " + total);
    assertTrue(quick > 200, "mutants the quick check accepted: " + quick);
    assertTrue(refusedByBoth > 1000, "mutants both refuse: " + refusedByBoth);
  }

  @Test
  void validVariationsOfOptionalMembersStayOnTheQuickWay() {
    JsonObject push = read(collectorPush());
    for (String optional :
        List.of(
            "cpu_limit_cores",
            "memory_limit_bytes",
            "cpu_seconds",
            "cpu_source",
            "cgroup_memory_bytes",
            "cgroup_memory_peak_bytes")) {
      String absent =
          write(
              edit(
                  push,
                  List.of("payload", "containers", 0),
                  o -> remove((JsonObject) o, optional)));
      String nulled =
          write(
              edit(
                  push,
                  List.of("payload", "containers", 0),
                  o -> put((JsonObject) o, optional, JsonValue.NULL)));
      assertTrue(CONTRACT.accept(absent).isPresent(), absent);
      assertTrue(CONTRACT.accept(nulled).isPresent(), nulled);
      assertSameResult(absent);
    }
  }

  @Test
  void whatTheQuickCheckIsNotSureOfGoesTheFullWay() {
    String push = collectorPush();
    // Members the contract does not know yet, a number as a string, integers in exponent form,
    // a missing primitive: the full path decides (and accepts these).
    for (String body :
        List.of(
            push.replace("\"run_id\":", "\"future\":[1,{\"x\":null}],\"run_id\":"),
            push.replace("\"sample_count\":11", "\"sample_count\":1.1e1"),
            push.replace("\"duration_seconds\":20.005,", ""),
            push.replace("\"pid\":42", "\"pid\":-0"))) {
      assertFalse(CONTRACT.accept(body).isPresent(), body);
    }
    assertTrue(fullAccepts(push.replace("\"run_id\":", "\"future\":1,\"run_id\":")));
  }

  @Test
  void recordsWithConstraintsItDoesNotKnowAreRefusedWhenBuilding() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PushContract.of(WithMax.class));
    assertTrue(e.getMessage().contains("WithMax.count"), e.getMessage());
    assertTrue(e.getMessage().contains("Max"), e.getMessage());
  }

  record WithMax(@Max(3) long count) {}

  // ---- the oracle and the corpus ----

  private static boolean fullAccepts(String body) {
    try {
      PushRequestReader.full(body);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  private static void assertSameResult(String body) {
    IncomingPush quick = PushRequestReader.parse(body);
    IncomingPush full = PushRequestReader.full(body);
    assertEquals(full, quick, body);
  }

  /** Values put in place of each member and array element in turn. */
  private static final List<JsonValue> REPLACEMENTS =
      List.of(
          JsonValue.NULL,
          JsonValue.TRUE,
          JsonValue.EMPTY_JSON_ARRAY,
          JsonValue.EMPTY_JSON_OBJECT,
          value(""),
          value("x"),
          value("12"),
          value("a\u0001b"),
          value("a\u0085b"),
          value("\ud800"),
          value("x".repeat(256)),
          value("2026-02-06T14:30:02Z"),
          value("cgroup"),
          number("0"),
          number("-1"),
          number("1.5"),
          number("1e3"),
          number("1E+2"),
          number("1e400"),
          number("1e18"),
          number("1e19"),
          number("2147483647"),
          number("2147483648"),
          number("999999999999999999"),
          number("9223372036854775808"),
          number("123456789012345678901234567890"),
          number("0.0000001"));

  private static List<String> mutants(String base) {
    JsonObject root = read(base);
    List<List<Object>> paths = new ArrayList<>();
    collectPaths(root, new ArrayList<>(), paths);
    List<String> out = new ArrayList<>();
    for (List<Object> path : paths) {
      if (path.isEmpty()) {
        continue;
      }
      List<Object> parent = path.subList(0, path.size() - 1);
      Object last = path.get(path.size() - 1);
      for (JsonValue replacement : REPLACEMENTS) {
        out.add(write(edit(root, path, v -> replacement)));
      }
      if (last instanceof String name) {
        out.add(write(edit(root, parent, o -> remove((JsonObject) o, name))));
        out.add(duplicate(root, parent, name));
      } else {
        out.add(write(edit(root, parent, a -> append((JsonArray) a, JsonValue.NULL))));
        out.add(write(edit(root, parent, a -> append((JsonArray) a, ((JsonArray) a).get(0)))));
      }
    }
    for (List<Object> path : paths) {
      if (!path.isEmpty() && path.get(path.size() - 1) instanceof String) {
        List<Object> parent = path.subList(0, path.size() - 1);
        out.add(write(edit(root, parent, o -> put((JsonObject) o, "unknown", number("1")))));
      }
    }
    out.add(base + " {}");
    out.add(base.substring(0, base.length() - 1));
    out.add("[" + base + "]");
    return out;
  }

  private static void collectPaths(JsonValue value, List<Object> path, List<List<Object>> out) {
    out.add(List.copyOf(path));
    if (value instanceof JsonObject object) {
      for (String name : object.keySet()) {
        path.add(name);
        collectPaths(object.get(name), path, out);
        path.remove(path.size() - 1);
      }
    } else if (value instanceof JsonArray array) {
      for (int i = 0; i < array.size(); i++) {
        path.add(i);
        collectPaths(array.get(i), path, out);
        path.remove(path.size() - 1);
      }
    }
  }

  /** {@code root} with the value at {@code path} replaced by {@code change} of it. */
  private static JsonValue edit(
      JsonValue root, List<Object> path, Function<JsonValue, JsonValue> change) {
    if (path.isEmpty()) {
      return change.apply(root);
    }
    Object step = path.get(0);
    List<Object> rest = path.subList(1, path.size());
    if (step instanceof String name) {
      JsonObject object = (JsonObject) root;
      return put(object, name, edit(object.get(name), rest, change));
    }
    JsonArray array = (JsonArray) root;
    int index = (Integer) step;
    var builder = RequestBodies.JSON.createArrayBuilder();
    for (int i = 0; i < array.size(); i++) {
      builder.add(i == index ? edit(array.get(i), rest, change) : array.get(i));
    }
    return builder.build();
  }

  /** The text of {@code root} where the object at {@code parent} has member {@code name} twice. */
  private static String duplicate(JsonObject root, List<Object> parent, String name) {
    String marker = "\"__dup_marker__\"";
    JsonValue marked = edit(root, parent, o -> put((JsonObject) o, "__dup_marker__", number("0")));
    JsonObject object = (JsonObject) navigate(root, parent);
    String copy = "\"" + name + "\":" + object.get(name).toString();
    return write(marked).replace(marker + ":0", copy);
  }

  private static JsonValue navigate(JsonValue root, List<Object> path) {
    JsonValue value = root;
    for (Object step : path) {
      value =
          step instanceof String name
              ? ((JsonObject) value).get(name)
              : ((JsonArray) value).get((Integer) step);
    }
    return value;
  }

  private static JsonObject put(JsonObject object, String name, JsonValue value) {
    return RequestBodies.JSON.createObjectBuilder(object).add(name, value).build();
  }

  private static JsonObject remove(JsonObject object, String name) {
    return RequestBodies.JSON.createObjectBuilder(object).remove(name).build();
  }

  private static JsonArray append(JsonArray array, JsonValue value) {
    return RequestBodies.JSON.createArrayBuilder(array).add(value).build();
  }

  private static JsonObject read(String json) {
    return RequestBodies.JSON.createReader(new StringReader(json)).readObject();
  }

  private static String write(JsonValue value) {
    return value.toString();
  }

  private static JsonValue value(String text) {
    return RequestBodies.JSON.createValue(text);
  }

  private static JsonValue number(String text) {
    return RequestBodies.JSON.createValue(new java.math.BigDecimal(text));
  }
}
