package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.runs.entity.StoredRunEntity;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunJsonTest {

  @Test
  void quotesStringsAsJsonReadsThemBack() {
    String nasty = "a\"b\\c\n\t\u0001\u001f/\u00e9\u2028\ud83d\ude00";
    String quoted = RunJson.quote(nasty);
    assertEquals(
        nasty, Json.createReader(new StringReader("[" + quoted + "]")).readArray().getString(0));
    assertEquals("\"\\u0001\"", RunJson.quote("\u0001"));
  }

  @Test
  void writesTheSeedsFieldsAndSplicesThePayloadVerbatim() throws ReflectiveOperationException {
    StoredRunEntity run =
        new StoredRunEntity(
            Scope.of("my-org", "my-repo", "ci.yml", "b\"uild"),
            "run-123",
            Instant.parse("2026-02-06T14:30:23Z"),
            null,
            "{\"duration_seconds\":20.0,\"x\":1e-7}");
    Field id = StoredRunEntity.class.getDeclaredField("id");
    id.setAccessible(true);
    id.set(run, 7L);
    String json = RunJson.array(List.of(run, run));
    JsonObject first = Json.createReader(new StringReader(json)).readArray().getJsonObject(0);
    assertEquals(7, first.getInt("id"));
    assertEquals("my-org/my-repo", first.getString("repository"));
    assertEquals("b\"uild", first.getString("job"));
    assertEquals("run-123", first.getString("run_id"));
    assertEquals("2026-02-06T14:30:23.000Z", first.getString("received_at"));
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
        List.copyOf(first.keySet()));
    assertEquals(2, json.split("\\{\"duration_seconds\":20.0,\"x\":1e-7}", -1).length - 1);
  }
}
