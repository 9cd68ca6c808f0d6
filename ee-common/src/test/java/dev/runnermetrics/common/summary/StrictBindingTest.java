package dev.runnermetrics.common.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Integer and text fields bind strictly: nothing is narrowed or converted silently. */
class StrictBindingTest {

  private static final Jsonb JSONB = ContractJson.create();

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
  }

  private static String payload() {
    try (Jsonb plain = JsonbBuilder.create()) {
      return plain.toJson(ContractJsonTest.sample());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void bindsWholeNumbersOfEveryIntegerKind() {
    String json =
        payload()
            .replace("\"sample_count\":11", "\"sample_count\":9223372036854775807")
            .replace("\"memory_limit_bytes\":1073741824", "\"memory_limit_bytes\":1.0e9");
    RunSummary summary = JSONB.fromJson(json, RunSummary.class);
    assertEquals(Long.MAX_VALUE, summary.sampleCount());
    assertEquals(1_000_000_000L, summary.containers().get(0).memoryLimitBytes());
    assertEquals(42, summary.topCpuProcesses().get(0).pid());
    assertEquals(null, summary.containers().get(1).memoryLimitBytes());
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"sample_count\":11 | \"sample_count\":1.5",
        "\"sample_count\":11 | \"sample_count\":9223372036854775808",
        "\"pid\":42 | \"pid\":1e30",
        "\"pid\":42 | \"pid\":42.5",
        "\"pid\":42 | \"pid\":2147483648",
        "\"peak_mem_bytes\":1048576 | \"peak_mem_bytes\":1048576.5",
        "\"memory_limit_bytes\":1073741824 | \"memory_limit_bytes\":1.5",
        "\"cgroup_memory_peak_bytes\":25165824 | \"cgroup_memory_peak_bytes\":1.5",
        "\"cgroup_memory_peak_bytes\":25165824 | \"cgroup_memory_peak_bytes\":\"25165824\"",
        "\"name\":\"runner\" | \"name\":7",
      })
  void refusesAndSaysWhereTheValueEnds(String from, String to) {
    String json = payload();
    assertEquals(true, json.contains(from), from);
    String bad = json.replaceFirst(java.util.regex.Pattern.quote(from), to);
    JsonbException e =
        assertThrows(JsonbException.class, () -> JSONB.fromJson(bad, RunSummary.class));
    RefusedValueException refused = cause(e);
    assertEquals(bad.indexOf(to) + to.length(), refused.offset(), refused.getMessage());
  }

  @Test
  void refusesAFractionInATimelineColumn() {
    Timeline ok =
        JSONB.fromJson(
            "{\"bucket_seconds\":1,\"offset_seconds\":[0],\"cpu_cores_max\":[1],"
                + "\"cpu_cores_avg\":[1],\"memory_bytes_max\":[5],\"memory_bytes_avg\":[4]}",
            Timeline.class);
    assertEquals(List.of(5L), ok.memoryBytesMax());
    JsonbException e =
        assertThrows(
            JsonbException.class,
            () ->
                JSONB.fromJson(
                    "{\"bucket_seconds\":1,\"offset_seconds\":[0],\"cpu_cores_max\":[1],"
                        + "\"cpu_cores_avg\":[1],\"memory_bytes_max\":[5.5],"
                        + "\"memory_bytes_avg\":[4]}",
                    Timeline.class));
    cause(e);
  }

  private static RefusedValueException cause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RefusedValueException refused) {
        return refused;
      }
    }
    throw new AssertionError("no RefusedValueException in " + e, e);
  }
}
