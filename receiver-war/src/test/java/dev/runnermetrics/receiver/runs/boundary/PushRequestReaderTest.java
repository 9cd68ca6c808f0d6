package dev.runnermetrics.receiver.runs.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnermetrics.common.scope.InvalidScopeException;
import dev.runnermetrics.receiver.it.Bodies;
import dev.runnermetrics.receiver.problems.control.FieldPaths;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import jakarta.validation.ConstraintViolationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The one push reader, outside the server: JSON-B binding, strict integers, Bean Validation. */
class PushRequestReaderTest {

  private static String push(String payload) {
    return Bodies.push("my-org", "my-org/repo", "ci.yml", "build", "run-1", payload);
  }

  @Test
  void readsAValidPushAndKeepsThePayloadText() {
    IncomingPush push = PushRequestReader.parse(push(Bodies.PAYLOAD));
    assertEquals("my-org/repo", push.scope().repository());
    assertEquals("run-1", push.runId());
    assertEquals(Bodies.PAYLOAD, push.payloadJson());
    assertEquals(11, push.summary().sampleCount());
    assertEquals(1073741824L, push.summary().containers().get(0).memoryLimitBytes());
  }

  @Test
  void acceptsTheCgroupFiguresOfTheContract() {
    String payload =
        Bodies.payloadWith(
            "\"memory_limit_bytes\":1073741824",
            "\"memory_limit_bytes\":1073741824,\"cgroup_memory_peak_bytes\":25165824,"
                + "\"oom_kills\":1,\"memory_events\":{\"max\":3,\"oom_kill\":1},"
                + "\"oom_killed_processes\":[{\"pid\":7,\"name\":\"java\"}],"
                + "\"cpu_periods\":100,\"cpu_throttled_periods\":25,"
                + "\"cpu_throttled_seconds\":1.25,\"cpu_throttled_ratio\":0.25,"
                + "\"pressure\":{\"cpu\":{\"some_seconds\":0.5}},\"cpu_limit_source\":\"cgroup\"");
    IncomingPush push = PushRequestReader.parse(push(payload));
    var container = push.summary().containers().get(0);
    assertEquals(1L, container.oomKills());
    assertEquals(25L, container.cpuThrottledPeriods());
    assertEquals(0.5, container.pressure().cpu().someSeconds());
    assertEquals(payload, push.payloadJson());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a fraction for the cgroup memory peak | \"memory_limit_bytes\":1073741824"
            + " | \"memory_limit_bytes\":1073741824,\"cgroup_memory_peak_bytes\":1.5"
            + " | payload.containers[0].cgroup_memory_peak_bytes",
        "a pid of 1e30 | \"pid\":42 | \"pid\":1e30 | payload.top_cpu_processes[0].pid",
        "a fraction for the memory limit | \"memory_limit_bytes\":1073741824"
            + " | \"memory_limit_bytes\":1.5 | payload.containers[0].memory_limit_bytes",
        "a fraction for a count | \"sample_count\":11 | \"sample_count\":1.5"
            + " | payload.sample_count",
        "a count beyond 2^63 | \"sample_count\":11 | \"sample_count\":9223372036854775808"
            + " | payload.sample_count",
        "a boolean for a count | \"sample_count\":11 | \"sample_count\":true"
            + " | payload.sample_count",
        "a number for a name | \"name\":\"runner\" | \"name\":7 | payload.containers[0].name",
        "a negative peak | \"peak\":12.50 | \"peak\":-12.5 | payload.cpu_total_percent.peak",
        "-42.0 for a pid | \"pid\":42 | \"pid\":-42.0 | payload.top_cpu_processes[0].pid",
      })
  void refusesNamingTheField(String name, String from, String to, String field) {
    assertEquals(field, refusedField(push(Bodies.payloadWith(from, to))), name);
  }

  @Test
  void refusesScopeValuesThatAreNotText() {
    String valid = push(Bodies.PAYLOAD);
    assertEquals(
        "organization",
        refusedField(valid.replace("\"organization\":\"my-org\"", "\"organization\":123")));
    assertEquals("job", refusedField(valid.replace("\"job\":\"build\"", "\"job\":[\"build\"]")));
    assertEquals("payload", refusedField(push("\"{}\"")));
  }

  private static String refusedField(String body) {
    try {
      PushRequestReader.parse(body);
    } catch (ProblemException e) {
      return e.problem().field();
    } catch (ConstraintViolationException e) {
      return e.getConstraintViolations().stream()
          .map(v -> FieldPaths.json(v.getPropertyPath(), false))
          .sorted()
          .findFirst()
          .orElseThrow();
    } catch (InvalidScopeException e) {
      return e.field();
    }
    throw new AssertionError("accepted: " + body);
  }

  @Test
  void refusesAnEmptyObject() {
    assertThrows(ConstraintViolationException.class, () -> PushRequestReader.parse("{}"));
  }
}
