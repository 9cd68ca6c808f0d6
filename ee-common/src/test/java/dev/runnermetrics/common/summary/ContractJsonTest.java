package dev.runnermetrics.common.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ContractJsonTest {

  private static final Jsonb JSONB = JsonbBuilder.create();

  @AfterAll
  static void close() throws Exception {
    JSONB.close();
  }

  static RunSummary sample() {
    return new RunSummary(
        Instant.parse("2026-02-06T14:30:02.185Z"),
        Instant.parse("2026-02-06T14:30:22.190123Z"),
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
                "other", Stats.EMPTY, Stats.EMPTY, null, null, null, null, null, null)),
        List.of(new ProcessSummary(42, "node", "runner", 100.5, 50.25, 1048576)),
        List.of(new ProcessSummary(42, "node", "runner", 100.5, 50.25, 1048576)));
  }

  @Test
  void writesSnakeCaseNamesMillisecondTimesAndPlainNumbers() {
    String json = JSONB.toJson(sample());
    assertTrue(json.startsWith("{\"start_time\":\"2026-02-06T14:30:02.185Z\","), json);
    assertTrue(json.contains("\"end_time\":\"2026-02-06T14:30:22.190Z\""), json);
    assertTrue(json.contains("\"duration_seconds\":20.005,\"sample_count\":11"), json);
    assertTrue(
        json.contains(
            "\"cpu_total_percent\":{\"peak\":87.5,\"avg\":40.25,\"p50\":38,\"p75\":60,"
                + "\"p95\":85,\"p99\":87.2}"),
        json);
    assertTrue(json.contains("\"memory_bytes\":{\"peak\":18567168,"), json);
    assertTrue(
        json.contains(
            "\"cpu_limit_cores\":2.0,\"memory_limit_bytes\":1073741824,\"cpu_seconds\":30.5,"
                + "\"cpu_source\":\"cgroup\",\"cgroup_memory_bytes\":{\"peak\":20971520,"),
        json);
    assertTrue(json.contains("\"cgroup_memory_peak_bytes\":25165824}"), json);
    assertTrue(
        json.contains(
            "{\"pid\":42,\"name\":\"node\",\"container\":\"runner\",\"peak_cpu_percent\":100.5,"
                + "\"avg_cpu_percent\":50.25,\"peak_mem_bytes\":1048576}"),
        json);
    assertFalse(json.contains("null"), "absent limits are omitted: " + json);
  }

  @Test
  void readsBackWhatItWrites() {
    RunSummary summary = sample();
    RunSummary back = JSONB.fromJson(JSONB.toJson(summary), RunSummary.class);
    assertEquals(Instant.parse("2026-02-06T14:30:22.190Z"), back.endTime());
    assertEquals(summary.containers(), back.containers());
    assertEquals(summary.cpuTotalPercent(), back.cpuTotalPercent());
    assertEquals(summary.topCpuProcesses(), back.topCpuProcesses());
    assertNull(back.containers().get(1).cpuLimitCores());
    assertNull(back.containers().get(1).cpuSource());
  }

  @Test
  void pushRequestCarriesScopeAndRunId() {
    PushRequest push = new PushRequest("my-org", "my-repo", "ci.yml", "build", "run-123", sample());
    String json = JSONB.toJson(push);
    assertTrue(
        json.startsWith(
            "{\"organization\":\"my-org\",\"repository\":\"my-repo\",\"workflow\":\"ci.yml\","
                + "\"job\":\"build\",\"run_id\":\"run-123\",\"payload\":{"),
        json);
    assertFalse(json.contains("\"scope\""), json);
    assertEquals("my-org/my-repo", JSONB.fromJson(json, PushRequest.class).scope().repository());
  }

  @Test
  void readsTheSeedsStoredRunAndIgnoresUnknownFields() {
    String seed =
        "{\"id\":1,\"organization\":\"my-org\",\"repository\":\"my-org/my-repo\","
            + "\"workflow\":\"ci.yml\",\"job\":\"build\",\"run_id\":\"run-123\","
            + "\"received_at\":\"2026-02-06T14:30:23.056Z\",\"future_field\":[1,2],"
            + "\"payload\":{\"start_time\":\"2026-02-06T14:30:02.185+01:00\","
            + "\"end_time\":\"2026-02-06T14:30:22.190Z\",\"duration_seconds\":20.0,"
            + "\"sample_count\":11,\"cpu_total_percent\":{\"peak\":1,\"avg\":1},"
            + "\"mem_used_bytes\":{\"peak\":5},\"containers\":[{\"name\":\"runner\","
            + "\"cpu_cores\":{\"peak\":2.007,\"avg\":1.5,\"p50\":1.817,\"p95\":2.004},"
            + "\"memory_bytes\":{\"peak\":18567168,\"avg\":18567168},\"cpu_source\":\"proc\"}],"
            + "\"top_cpu_processes\":[],\"top_mem_processes\":[]}}";
    StoredRun run = JSONB.fromJson(seed, StoredRun.class);
    assertEquals(1, run.id());
    assertEquals("run-123", run.runId());
    assertEquals(Instant.parse("2026-02-06T14:30:23.056Z"), run.receivedAt());
    assertEquals(Instant.parse("2026-02-06T13:30:02.185Z"), run.payload().startTime());
    assertEquals(2.007, run.payload().containers().get(0).cpuCores().peak());
    assertEquals(1.817, run.payload().containers().get(0).cpuCores().p50());
  }

  static ContainerSummary cgroupFigures() {
    return new ContainerSummary(
        "build",
        new Stats(0.2, 0.19, 0.2, 0.2, 0.2, 0.2),
        new Stats(67108864, 1048576, 1048576, 1048576, 67108864, 67108864),
        0.2,
        67108864L,
        12.0,
        "cgroup",
        null,
        67108864L,
        "cgroup",
        "cgroup_limits",
        null,
        true,
        1L,
        new MemoryEvents(null, 40L, 1L, 1L, 0L, null),
        List.of(new ProcessRef(4242, "hog")),
        600L,
        550L,
        47.25,
        0.916667,
        new Pressure(new PressureStall(40.5, 38.25, 91.2, 88.0), null, null),
        new Timeline(
            2,
            List.of(0.0, 2.0),
            List.of(0.21, 0.2),
            List.of(0.2, 0.2),
            List.of(5L, 6L),
            List.of(4L, 6L)));
  }

  @Test
  void writesTheCgroupFiguresUnderTheirSnakeCaseNames() {
    String json = JSONB.toJson(cgroupFigures());
    assertTrue(
        json.contains(
            "\"cpu_limit_source\":\"cgroup\",\"memory_limit_source\":\"cgroup_limits\","
                + "\"memory_near_limit\":true,\"oom_kills\":1,\"memory_events\":{\"max\":40,"
                + "\"oom\":1,\"oom_kill\":1,\"oom_group_kill\":0},"
                + "\"oom_killed_processes\":[{\"pid\":4242,\"name\":\"hog\"}],"
                + "\"cpu_periods\":600,\"cpu_throttled_periods\":550,"
                + "\"cpu_throttled_seconds\":47.25,\"cpu_throttled_ratio\":0.916667,"
                + "\"pressure\":{\"cpu\":{\"some_seconds\":40.5,\"full_seconds\":38.25,"
                + "\"some_avg10_peak_percent\":91.2,\"full_avg10_peak_percent\":88.0}},"
                + "\"timeline\":{\"bucket_seconds\":2.0,\"offset_seconds\":[0.0,2.0],"
                + "\"cpu_cores_max\":[0.21,0.2],\"cpu_cores_avg\":[0.2,0.2],"
                + "\"memory_bytes_max\":[5,6],\"memory_bytes_avg\":[4,6]}}"),
        json);
    assertFalse(json.contains("aligned"), json);
    assertEquals(cgroupFigures(), JSONB.fromJson(json, ContainerSummary.class));
  }

  @Test
  void timelineColumnsMustHaveOnePointEach() {
    assertTrue(cgroupFigures().timeline().isAligned());
    Timeline ragged =
        new Timeline(
            2,
            List.of(0.0, 2.0),
            List.of(0.2),
            List.of(0.2, 0.2),
            List.of(5L, 6L),
            List.of(4L, 6L));
    assertFalse(ragged.isAligned());
  }

  @Test
  void keepsMeasurementsToSixDecimalPlaces() {
    Stats stats = new Stats(0.7534820358713896, 104.03046824973079, 18567168, 1e-7, 2.5e-6, 0);
    assertEquals(
        "{\"peak\":0.753482,\"avg\":104.030468,\"p50\":18567168,\"p75\":0,"
            + "\"p95\":0.000002,\"p99\":0}",
        JSONB.toJson(stats));
    ProcessSummary process = new ProcessSummary(1, "a", "b", 99.99999949, 1.0 / 3, 5);
    assertEquals(99.999999, process.peakCpuPercent());
    assertEquals(0.333333, process.avgCpuPercent());
    assertEquals(Double.NaN, new Stats(Double.NaN, 0, 0, 0, 0, 0).peak());
  }

  @Test
  void refusesToWriteNonFiniteNumbers() {
    Stats nan = new Stats(Double.NaN, 0, 0, 0, 0, 0);
    assertThrows(RuntimeException.class, () -> JSONB.toJson(nan));
  }

  @Test
  void nonNegativeFiniteAcceptsOnlyMeasurements() {
    NonNegativeFinite.Validator v = new NonNegativeFinite.Validator();
    assertTrue(v.isValid(0.0, null));
    assertTrue(v.isValid(1e18, null));
    assertTrue(v.isValid(42L, null));
    assertTrue(v.isValid(null, null));
    assertFalse(v.isValid(-0.001, null));
    assertFalse(v.isValid(Double.NaN, null));
    assertFalse(v.isValid(Double.POSITIVE_INFINITY, null));
    assertFalse(v.isValid(1.0000001e18, null));
    assertFalse(v.isValid(-1L, null));
  }
}
