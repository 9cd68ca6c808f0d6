package dev.runnermetrics.receiver.sizing.control;

import static dev.runnermetrics.receiver.sizing.control.Row.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The advice as JSON-B (Yasson, as Payara runs it) writes it: the issue's snake_case names. */
class AdviceJsonTest {

  @Test
  void writesTheIssuesNamesAndLeavesUnknownFiguresOut() throws Exception {
    SizingAdvice advice =
        SizingAdvisor.advise(
            SizingAdvisorTest.concat(
                SizingAdvisorTest.three(),
                SizingAdvisorTest.rows(
                    run("r4", 4).oomKills(1).memoryMib(2048),
                    run("r4", 4).container("docs").limits(null, null))),
            SizingParameters.DEFAULTS);
    String json;
    try (Jsonb jsonb = JsonbBuilder.create()) {
      json = jsonb.toJson(advice);
    }
    JsonObject root = Json.createReader(new StringReader(json)).readObject();
    assertEquals(4, root.getInt("runs_in_window"));
    assertEquals("p95", root.getString("cpu_percentile"));
    JsonObject build = root.getJsonArray("containers").getJsonObject(0);
    assertEquals("build", build.getString("name"));
    assertEquals(
        List.of(
            "name",
            "cpu_request_cores",
            "cpu_limit_cores",
            "memory_request_bytes",
            "memory_limit_bytes",
            "memory_source",
            "current",
            "observed",
            "runs_used",
            "runs_left_out",
            "confidence",
            "reasons",
            "waste"),
        List.copyOf(build.keySet()));
    assertEquals(1.45, build.getJsonNumber("cpu_request_cores").doubleValue());
    assertEquals(2464L * 1024 * 1024, build.getJsonNumber("memory_limit_bytes").longValue());
    assertEquals(3, build.getInt("runs_used"));
    assertEquals(
        "oom_killed", build.getJsonArray("runs_left_out").getJsonObject(0).getString("reason"));
    assertEquals("r4", build.getJsonArray("runs_left_out").getJsonObject(0).getString("run_id"));
    assertEquals("low", build.getJsonObject("confidence").getString("level"));
    assertEquals(3, build.getJsonObject("confidence").getInt("clean_runs"));
    assertEquals("oom_killed", build.getJsonArray("reasons").getJsonObject(0).getString("code"));
    assertTrue(build.getJsonArray("reasons").getJsonObject(0).getString("text").contains("r4"));
    assertEquals(
        Set.of("cpu_limit_cores", "cpu_limit_source", "memory_limit_bytes", "memory_limit_source"),
        build.getJsonObject("current").keySet());
    JsonObject run = build.getJsonObject("observed").getJsonArray("runs").getJsonObject(0);
    assertEquals("2026-11-01T00:04:00.000Z", run.getString("time"));
    assertFalse(run.getBoolean("used"));
    assertEquals(
        Set.of(
            "reserved_core_hours",
            "used_core_hours",
            "waste_core_hours",
            "advice_saves_core_hours",
            "runs"),
        build.getJsonObject("waste").getJsonObject("cpu").keySet());

    JsonObject docs = root.getJsonArray("containers").getJsonObject(1);
    assertFalse(docs.containsKey("cpu_limit_cores"), "no CPU limit advised: absent, not null");
    assertTrue(docs.getJsonObject("current").isEmpty(), "no limits: nothing to show");
    assertFalse(docs.getJsonObject("waste").containsKey("cpu"), "unknown waste: absent");
    assertFalse(docs.getJsonObject("observed").containsKey("throttled_cap_cores"), "not throttled");
  }
}
