package dev.runnermetrics.receiver.sizing.control;

import static dev.runnermetrics.receiver.sizing.control.Row.MIB;
import static dev.runnermetrics.receiver.sizing.control.Row.run;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnermetrics.receiver.sizing.entity.UsageTrend;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.StringReader;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Per-run columns for the trend chart: oldest first, one container, gaps as null. */
class UsageTrendsTest {

  @Test
  void columnsOfOneContainerOldestFirstWithGapsAsNull() throws Exception {
    UsageTrend trend =
        UsageTrends.of(
            SizingAdvisorTest.rows(
                run("r3", 3).oomKills(1).memoryMib(2048),
                run("r1", 1).legacy(),
                run("r2", 2).cpu(0.9, 1.1).throttled(0.25, 60),
                run("r2", 2).container("docs")),
            "build");
    assertEquals(List.of("r1", "r2", "r3"), trend.runId());
    assertEquals(Arrays.asList(1.2, 0.9, 1.2), trend.cpuP95Cores());
    assertEquals(Arrays.asList(1.5, 1.1, 1.5), trend.cpuPeakCores());
    assertEquals(List.of(800 * MIB, 1000 * MIB, 2048 * MIB), trend.memoryPeakBytes());
    assertEquals(Arrays.asList(null, 0L, 1L), trend.oomKills());
    assertEquals(Arrays.asList(null, 0.25, 0.0), trend.cpuThrottledRatio());

    String json;
    try (Jsonb jsonb = JsonbBuilder.create()) {
      json = jsonb.toJson(trend);
    }
    JsonObject object = Json.createReader(new StringReader(json)).readObject();
    assertEquals(
        List.of(
            "container",
            "run_id",
            "time",
            "duration_seconds",
            "cpu_p95_cores",
            "cpu_peak_cores",
            "memory_peak_bytes",
            "cpu_limit_cores",
            "memory_limit_bytes",
            "oom_kills",
            "cpu_throttled_ratio"),
        List.copyOf(object.keySet()));
    JsonArray ooms = object.getJsonArray("oom_kills");
    assertEquals(JsonValue.NULL, ooms.get(0), "a gap stays in its place");
    assertEquals(3, ooms.size());
    assertEquals("2026-11-01T00:01:00.000Z", object.getJsonArray("time").getString(0));
  }
}
