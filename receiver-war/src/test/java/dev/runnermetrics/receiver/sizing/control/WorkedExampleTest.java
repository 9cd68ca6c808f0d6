package dev.runnermetrics.receiver.sizing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnermetrics.common.summary.Stats;
import dev.runnermetrics.receiver.sizing.entity.ContainerAdvice;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.Reason;
import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/sizing.md, number for number, and the anchors' rules (VPA, krr, CI
 * Sizer) applied to the same runs for the side-by-side table there.
 */
class WorkedExampleTest {

  private static final long MIB = 1024L * 1024;
  private static final long GIB = 1024 * MIB;

  /** One row of the example's table: build's figures in cores and MiB. */
  record Run(
      String id,
      double p95,
      double peak,
      double avg,
      long memPeakMib,
      long memAvgMib,
      long oomKills,
      double throttledRatio,
      double throttledSeconds) {}

  static final List<Run> BUILD =
      List.of(
          new Run("r1", 1.10, 1.60, 0.70, 1100, 800, 0, 0, 0),
          new Run("r2", 1.20, 1.70, 0.75, 1150, 820, 0, 0, 0),
          new Run("r3", 1.15, 1.65, 0.72, 1180, 850, 0, 0, 0),
          new Run("r4", 1.95, 2.00, 1.20, 1120, 830, 0, 0.30, 150),
          new Run("r5", 1.30, 1.90, 0.80, 2048, 1400, 1, 0, 0),
          new Run("r6", 1.25, 1.80, 0.78, 1200, 860, 0, 0, 0));

  static List<ContainerRun> rows() {
    List<ContainerRun> rows = new ArrayList<>();
    for (int i = 0; i < BUILD.size(); i++) {
      Run r = BUILD.get(i);
      Instant time = Instant.parse("2026-11-30T10:00:00Z").plusSeconds(3600L * i);
      rows.add(
          row(
              r.id(),
              time,
              "build",
              r.p95(),
              r.peak(),
              r.avg(),
              r.memPeakMib(),
              r.memAvgMib(),
              2.0,
              2 * GIB,
              r.oomKills(),
              r.throttledRatio(),
              r.throttledSeconds()));
      rows.add(row(r.id(), time, "sidecar", 0.05, 0.10, 0.03, 60, 50, 1.0, GIB, 0, 0, 0));
    }
    return rows;
  }

  private static ContainerRun row(
      String id,
      Instant time,
      String container,
      double p95,
      double peak,
      double avg,
      long memPeakMib,
      long memAvgMib,
      double cpuLimit,
      long memLimit,
      long oomKills,
      double throttledRatio,
      double throttledSeconds) {
    Stats cpu = new Stats(peak, avg, avg, (avg + p95) / 2, p95, (p95 + peak) / 2);
    Stats memory =
        new Stats(
            memPeakMib * MIB,
            memAvgMib * MIB,
            memAvgMib * MIB,
            memAvgMib * MIB,
            memPeakMib * MIB,
            memPeakMib * MIB);
    return new ContainerRun(
        id,
        time,
        600,
        300,
        container,
        cpu,
        memory,
        memory,
        memPeakMib * MIB,
        cpuLimit,
        "cgroup_limits",
        memLimit,
        "cgroup_limits",
        oomKills,
        6000L,
        throttledRatio,
        throttledSeconds,
        null);
  }

  @Test
  void ourAdvice() {
    SizingAdvice advice = SizingAdvisor.advise(rows(), SizingParameters.DEFAULTS);
    ContainerAdvice build = advice.container("build").orElseThrow();
    assertEquals(1.95, build.observed().cpuBasisCores());
    assertEquals(2.35, build.cpuRequestCores());
    assertEquals(2.0, build.observed().throttledCapCores());
    assertEquals(2.25, build.observed().throttledDemandCores());
    assertEquals(2.7, build.cpuLimitCores());
    assertEquals(1200 * MIB, build.observed().memoryBasisBytes());
    assertEquals(2464 * MIB, build.memoryLimitBytes());
    assertEquals(5, build.runsUsed());
    assertEquals("high", build.confidence().level());
    assertEquals(1.95, build.confidence().cpuLowCores());
    assertEquals(2.85, build.confidence().cpuHighCores()); // 2.35 × 1.2 = 2.82 → 2.85
    assertEquals(2960 * MIB, build.confidence().memoryHighBytes()); // 2464 × 1.2 → 2960
    assertEquals(
        List.of("cpu_throttled", "oom_killed"),
        build.reasons().stream().map(Reason::code).toList());
    assertEquals(
        "throttled in 30 % of its CPU periods at a cap of 2.00 cores in run r4: the cap hid its"
            + " demand of about 2.25 cores; grow the CPU limit by at least 0.25 cores (the request"
            + " stays at or above the cap of 2.00 cores)",
        build.reasons().get(0).text());
    assertEquals(
        "1 run OOM-killed in the window (the newest, r5, at a limit of 2.00 GiB): left out, and"
            + " memory raised to at least 2.40 GiB by the OOM rule, max(1.2 × L, L + 100 MiB) of"
            + " the limit L each hit",
        build.reasons().get(1).text());
    assertEquals(2.0, build.waste().cpu().reservedCoreHours());
    assertEquals(0.825, build.waste().cpu().usedCoreHours());
    assertEquals(1.175, build.waste().cpu().wasteCoreHours());
    assertEquals(-0.35, build.waste().cpu().adviceSavesCoreHours());
    assertEquals(2.0, build.waste().memory().reservedGibHours());
    assertEquals(0.904948, build.waste().memory().usedGibHours());
    assertEquals(1.095052, build.waste().memory().wasteGibHours());
    assertEquals(-0.40625, build.waste().memory().adviceSavesGibHours());

    ContainerAdvice sidecar = advice.container("sidecar").orElseThrow();
    assertEquals(0.1, sidecar.cpuRequestCores());
    assertEquals(0.15, sidecar.cpuLimitCores());
    assertEquals(80 * MIB, sidecar.memoryLimitBytes());
    assertEquals("high", sidecar.confidence().level());
    assertEquals(0.97, sidecar.waste().cpu().wasteCoreHours());
    assertEquals(0.9, sidecar.waste().cpu().adviceSavesCoreHours());
    assertEquals(0.951172, sidecar.waste().memory().wasteGibHours());
    assertEquals(0.921875, sidecar.waste().memory().adviceSavesGibHours());

    assertEquals(2.145, advice.wasteCoreHours());
    assertEquals(2.046224, advice.wasteGibHours());
    assertEquals(0.55, advice.adviceSavesCoreHours());
    assertEquals(0.515625, advice.adviceSavesGibHours());

    assertEquals(
        """
        # Sizing advice from the 6 newest runs: CPU from each run's p95, 20 % headroom.
        containers:
          - name: "build"
            # confidence: high (5 clean runs)
            resources:
              requests:
                cpu: "2350m"
                memory: "2464Mi"
              limits:
                cpu: "2700m"
                memory: "2464Mi"
          - name: "sidecar"
            # confidence: high (6 clean runs)
            resources:
              requests:
                cpu: "100m"
                memory: "80Mi"
              limits:
                cpu: "150m"
                memory: "80Mi"
        """,
        ResourcesYaml.render(advice));
    assertEquals(
        "{\"build\":{\"cpu\":\"2700m\",\"memory\":\"2464Mi\"},"
            + "\"sidecar\":{\"cpu\":\"150m\",\"memory\":\"80Mi\"}}",
        CgroupLimitsValue.render(advice));
  }

  /**
   * VPA on per-run figures: CPU = p90 over the runs' p95 (standing in for the p90 of all samples) ×
   * 1.15; memory = p90 of the runs' peaks, the OOM run's peak replaced by max(1.2 × it, it + 100
   * MiB), × 1.15. It learns from the OOM run and does not see the throttling.
   */
  @Test
  void vpa() {
    double cpu = r7(BUILD.stream().mapToDouble(Run::p95).toArray(), 0.90) * 1.15;
    assertEquals(1.86875, cpu, 1e-9);
    double memory =
        r7(
                BUILD.stream()
                    .mapToDouble(
                        r ->
                            r.oomKills() > 0
                                ? Math.max(r.memPeakMib() * 1.2, r.memPeakMib() + 100)
                                : r.memPeakMib())
                    .toArray(),
                0.90)
            * 1.15;
    assertEquals(2103.12, memory, 1e-9);
  }

  /** krr (simple): CPU request = max p95 over all runs, no limit; memory = max peak × 1.15. */
  @Test
  void krr() {
    assertEquals(1.95, BUILD.stream().mapToDouble(Run::p95).max().orElseThrow());
    assertEquals(
        2355.2, BUILD.stream().mapToDouble(Run::memPeakMib).max().orElseThrow() * 1.15, 1e-9);
  }

  /**
   * CI Sizer: the 5 newest clean runs; CPU = max p95 × 1.2 rounded up to 0.5 core; memory = max
   * peak + 10 % (the staircase's step for 1–4 GiB, our reading) rounded up to a power of two in
   * MiB; the OOM run is left out and, followed by a clean run, doubles nothing.
   */
  @Test
  void ciSizer() {
    List<Run> all = BUILD.stream().filter(r -> r.oomKills() == 0).toList();
    List<Run> clean = all.subList(Math.max(0, all.size() - 5), all.size());
    double cpu = Math.ceil(clean.stream().mapToDouble(Run::p95).max().orElseThrow() * 1.2 * 2) / 2;
    assertEquals(2.5, cpu);
    double memory = clean.stream().mapToDouble(Run::memPeakMib).max().orElseThrow() * 1.10;
    long powerOfTwo = Long.highestOneBit((long) Math.ceil(memory) - 1) << 1;
    assertEquals(2048, powerOfTwo);
  }

  /** R-7 percentile: linear between closest ranks. */
  private static double r7(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
