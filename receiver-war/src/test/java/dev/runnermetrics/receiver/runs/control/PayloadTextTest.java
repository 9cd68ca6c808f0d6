package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.StoredRun;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayloadTextTest {

  private static final String PAYLOAD =
      "{ \"x\":1.50e1, \"s\":\"}\\\"{\", \"a\":[{}], \"n\":null }";

  @Test
  void cutsThePayloadOutByteForByteWhereverItStands() {
    assertEquals(
        Optional.of(PAYLOAD),
        PayloadText.in("{\"a\":[1,{\"payload\":2}],\"payload\" : " + PAYLOAD + " ,\"z\":{}}"));
    assertEquals(Optional.of(PAYLOAD), PayloadText.in("{\"payload\":" + PAYLOAD + "}"));
    assertEquals(Optional.empty(), PayloadText.in("{\"payload\":null}"));
    assertEquals(Optional.empty(), PayloadText.in("{\"b\":{\"payload\":{}}}"));
  }

  @Test
  void refusesAPayloadThatIsNotAnObject() {
    ProblemException e =
        assertThrows(ProblemException.class, () -> PayloadText.in("{\"payload\":\"{}\"}"));
    assertEquals("payload", e.problem().field());
  }

  @Test
  void writesTheSeedsFieldsByJsonbAndThePayloadVerbatim() {
    StoredRun run =
        new StoredRun(
            7,
            "my-org",
            "my-org/my-repo",
            "ci.yml",
            "b\"uild",
            "run-123",
            Instant.parse("2026-02-06T14:30:23Z"),
            null);
    String json = PayloadText.array(List.of(run, run), List.of(PAYLOAD, PAYLOAD));
    JsonObject first = Json.createReader(new StringReader(json)).readArray().getJsonObject(0);
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
    assertEquals("b\"uild", first.getString("job"));
    assertEquals("2026-02-06T14:30:23.000Z", first.getString("received_at"));
    assertTrue(json.endsWith(",\"payload\":" + PAYLOAD + "}]"), json);
    assertEquals("[]", PayloadText.array(List.of(), List.of()));
  }
}
