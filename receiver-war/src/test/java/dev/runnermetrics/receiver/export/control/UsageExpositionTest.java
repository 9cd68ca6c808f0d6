package dev.runnermetrics.receiver.export.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.it.Bodies;
import dev.runnermetrics.receiver.runs.entity.Run;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The usage export's text: escaping, figures left out when unknown, and promtool's verdict. */
class UsageExpositionTest {

  private static final Scope HOSTILE =
      new Scope("o\"rg", "o\"rg/re\\po", "ci\nnight.yml", "build {x=\"1\"}");

  private static JobUsage row(Scope scope, String container, Long oomKills) {
    return new JobUsage(
        scope,
        container,
        Instant.parse("2026-12-02T10:00:00.500Z"),
        1.25,
        2.0,
        3.0e9,
        null,
        4294967296L,
        oomKills,
        0.125,
        1.5,
        3221225472L);
  }

  @Test
  void escapesLabelValuesAsTheFormatRequires() {
    assertEquals("a\\\\b\\\"c\\nd", ExpositionWriter.escapeLabel("a\\b\"c\nd"));
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("job", "say \"hi\"\\\n");
    String text = new ExpositionWriter().sample("m", labels, 0.5).text();
    assertEquals("m{job=\"say \\\"hi\\\"\\\\\\n\"} 0.5\n", text);
  }

  @Test
  void writesNumbersPrometheusParses() {
    assertEquals("4294967296", ExpositionWriter.number(4294967296.0));
    assertEquals("0.125", ExpositionWriter.number(0.125));
    assertEquals("NaN", ExpositionWriter.number(Double.NaN));
    assertEquals("+Inf", ExpositionWriter.number(Double.POSITIVE_INFINITY));
  }

  @Test
  void leavesOutUnknownFiguresAndLabelsEverySample() {
    String text =
        UsageExposition.render(List.of(row(Scope.of("org", "repo", "ci.yml", "b"), "build", null)));
    assertTrue(text.contains("# TYPE runner_job_cpu_p95_cores gauge\n"), text);
    assertTrue(
        text.contains(
            "runner_job_cpu_p95_cores{organization=\"org\",repository=\"org/repo\","
                + "workflow=\"ci.yml\",job=\"b\",container=\"build\"} 1.25\n"),
        text);
    assertTrue(text.contains("runner_job_last_run_timestamp_seconds{"), text);
    assertTrue(text.contains("} 1796205600.5\n"), text);
    assertFalse(text.contains("runner_job_cpu_limit_cores{"), "unknown limit is not 0");
    assertFalse(text.contains("runner_job_oom_kills{"), "unknown OOM kills are not 0");
  }

  @Test
  void computesTheLatestFiguresAndTheAdviceFromStoredRuns() {
    Scope job = Scope.of("org", "repo", "ci.yml", "build");
    List<Run> runs =
        List.of(
            new Run(job, "r2", Instant.parse("2026-12-02T10:00:00Z"), null, Bodies.PAYLOAD),
            new Run(job, "r1", Instant.parse("2026-12-01T10:00:00Z"), null, Bodies.PAYLOAD),
            new Run(job, "bad", Instant.parse("2026-11-30T10:00:00Z"), null, "{not json"));
    List<JobUsage> rows = UsageExport.of(job, runs);
    assertFalse(rows.isEmpty());
    JobUsage first = rows.get(0);
    assertEquals(Instant.parse("2026-12-02T10:00:00Z"), first.lastRun());
    assertNotNull(first.cpuP95Cores());
    assertNotNull(first.memoryPeakBytes());
    assertTrue(
        rows.stream().anyMatch(r -> r.cpuRequestCores() != null && r.memoryRequestBytes() != null),
        "advice from the window: " + rows);
  }

  @Test
  void promtoolAcceptsTheExportWithHostileLabels() throws Exception {
    Optional<Path> promtool = Promtool.binary();
    if (promtool.isEmpty()) {
      System.out.println("skipped: promtool not installed (apt-get install prometheus)");
    }
    assumeTrue(promtool.isPresent(), "promtool not installed");
    String text =
        UsageExposition.render(
            List.of(
                row(HOSTILE, "c\"1", 2L), row(Scope.of("org", "repo", "ci.yml", "b"), "x", 0L)));
    assertEquals(Optional.empty(), Promtool.check(promtool.get(), text), text);
  }
}
