package dev.runnermetrics.receiver.sizing.control;

import static dev.runnermetrics.receiver.sizing.control.Row.GIB;
import static dev.runnermetrics.receiver.sizing.control.Row.MIB;
import static dev.runnermetrics.receiver.sizing.control.Row.run;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnermetrics.receiver.sizing.entity.ContainerAdvice;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.CpuPercentile;
import dev.runnermetrics.receiver.sizing.entity.Reason;
import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The acceptance cases, each with advice computed by hand from the rules in docs/sizing.md
 * (defaults: p95, 20 % headroom, 60 % while learning, CPU in 50m and memory in 16 MiB steps).
 */
class SizingAdvisorTest {

  /** What one container's advice must be; null figures must be absent. */
  record Expected(
      String container,
      Double cpuRequest,
      Double cpuLimit,
      Long memoryMib,
      String level,
      int runsUsed,
      List<String> leftOut,
      Set<String> reasons,
      String memorySource) {}

  record Case(
      String name, List<ContainerRun> rows, SizingParameters parameters, Expected expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    SizingParameters defaults = SizingParameters.DEFAULTS;
    return Stream.of(
        // 1.2 × 1.6 = 1.92 → 1.95; limit 1.5 × 1.6 = 2.4; memory 1000 × 1.6 = 1600 MiB.
        new Case(
            "one run",
            rows(run("r1", 1)),
            defaults,
            new Expected(
                "build", 1.95, 2.4, 1600L, "low", 1, List.of(), codes("too_few_runs"), "cgroup")),
        // basis max(1.2, 1.0) → 1.95; limit max(1.5, 1.3) × 1.6 = 2.4; memory 1100 × 1.6 = 1760.
        new Case(
            "learning phase",
            rows(run("r1", 1), run("r2", 2).cpu(1.0, 1.3).memoryMib(1100)),
            defaults,
            new Expected(
                "build", 1.95, 2.4, 1760L, "low", 2, List.of(), codes("too_few_runs"), "cgroup")),
        // 1.2 × 1.2 = 1.44 → 1.45; limit 1.5 × 1.2 = 1.8; memory 1010 × 1.2 = 1212 → 1216 MiB.
        new Case(
            "steady job",
            steady(),
            defaults,
            new Expected("build", 1.45, 1.8, 1216L, "high", 5, List.of(), codes(), "cgroup")),
        // r6's 3.0 > 2 × median(1.2, 1.15, 1.1, 1.05, 1.0) = 2.2: left out, basis 1.2 → 1.45;
        // the limit keeps the highest peak: 3.5 × 1.2 = 4.2; the spread makes it medium.
        new Case(
            "one outlier run",
            concat(steady(), rows(run("r6", 6).cpu(3.0, 3.5))),
            defaults,
            new Expected(
                "build", 1.45, 4.2, 1216L, "medium", 6, List.of(), codes("cpu_outlier"), "cgroup")),
        // Clean: 1000 × 1.2 = 1200 MiB; OOM at 2 GiB: max(2048 × 1.2, 2048 + 100) = 2457.6 → 2464.
        new Case(
            "OOM-killed run",
            concat(three(), rows(run("r4", 4).oomKills(1).memoryMib(2048))),
            defaults,
            new Expected(
                "build",
                1.45,
                1.8,
                2464L,
                "low",
                3,
                List.of("r4:oom_killed"),
                codes("oom_killed"),
                "cgroup")),
        // The second OOM in a row doubles: 2457.6 × 2 = 4915.2 → 4928 MiB.
        new Case(
            "two OOMs in a row",
            concat(
                three(),
                rows(
                    run("r4", 4).oomKills(1).memoryMib(2048),
                    run("r5", 5).oomKills(2).memoryMib(2048))),
            defaults,
            new Expected(
                "build",
                1.45,
                1.8,
                4928L,
                "low",
                3,
                List.of("r5:oom_killed", "r4:oom_killed"),
                codes("oom_killed", "oom_repeated"),
                "cgroup")),
        // p95 0.7 × 1.2 = 0.84 → 0.85, but never below the 1.0 cap that throttled it; demand
        // 1.0 + 180 s / 600 s = 1.3 cores → limit 1.3 × 1.2 = 1.56 → 1.6.
        new Case(
            "throttled container",
            rows(
                run("r1", 1).limits(1.0, 2 * GIB).cpu(0.7, 1.0).throttled(0.4, 180),
                run("r2", 2).limits(1.0, 2 * GIB).cpu(0.7, 1.0).throttled(0.4, 180),
                run("r3", 3).limits(1.0, 2 * GIB).cpu(0.7, 1.0).throttled(0.4, 180)),
            defaults,
            new Expected(
                "build",
                1.0,
                1.6,
                1200L,
                "medium",
                3,
                List.of(),
                codes("cpu_throttled"),
                "cgroup")),
        // docs: one clean run → 0.3 × 1.6 = 0.48 → 0.5; no CPU limit before, none advised;
        // memory 200 × 1.6 = 320 MiB.
        new Case(
            "container in only some runs",
            concat(
                four(),
                rows(
                    run("r4", 4)
                        .container("docs")
                        .cpu(0.3, 0.5)
                        .memoryMib(200)
                        .limits(null, null))),
            defaults,
            new Expected(
                "docs",
                0.5,
                null,
                320L,
                "low",
                1,
                List.of(),
                codes("too_few_runs", "partial_presence", "no_limits"),
                "cgroup")),
        new Case(
            "the other container of the same window",
            concat(
                four(),
                rows(
                    run("r4", 4)
                        .container("docs")
                        .cpu(0.3, 0.5)
                        .memoryMib(200)
                        .limits(null, null))),
            defaults,
            new Expected("build", 1.45, 1.8, 1200L, "medium", 4, List.of(), codes(), "cgroup")),
        // No limit before: no CPU limit advised, memory 1000 × 1.2 = 1200 MiB.
        new Case(
            "container with no limits",
            rows(
                run("r1", 1).limits(null, null),
                run("r2", 2).limits(null, null),
                run("r3", 3).limits(null, null)),
            defaults,
            new Expected(
                "build", 1.45, null, 1200L, "medium", 3, List.of(), codes("no_limits"), "cgroup")),
        // RSS peak 800 × 1.2 = 960 MiB; OOM and throttling unknown, said so.
        new Case(
            "runs from an older collector",
            rows(run("r1", 1).legacy(), run("r2", 2).legacy(), run("r3", 3).legacy()),
            defaults,
            new Expected(
                "build",
                1.45,
                1.8,
                960L,
                "medium",
                3,
                List.of(),
                codes("memory_from_rss", "oom_unknown", "throttling_unknown"),
                "rss")),
        new Case(
            "older and newer collectors mixed",
            rows(run("r1", 1).legacy().rssMib(900), run("r2", 2), run("r3", 3)),
            defaults,
            // max(900 RSS, 1000 cgroup) × 1.2 = 1200 MiB
            new Expected(
                "build",
                1.45,
                1.8,
                1200L,
                "medium",
                3,
                List.of(),
                codes("memory_from_rss", "oom_unknown", "throttling_unknown"),
                "mixed")),
        new Case(
            "incomplete run",
            concat(three(), rows(run("r4", 4).samples(1).cpu(5.0, 6.0))),
            defaults,
            new Expected(
                "build",
                1.45,
                1.8,
                1200L,
                "medium",
                3,
                List.of("r4:incomplete"),
                codes(),
                "cgroup")),
        // Headroom 0: 1000 MiB → 1008 MiB; within 5 % of the 1 GiB limit, which is said.
        new Case(
            "memory near its limit",
            rows(
                run("r1", 1).limits(2.0, GIB),
                run("r2", 2).limits(2.0, GIB),
                run("r3", 3).limits(2.0, GIB)),
            new SizingParameters(10, CpuPercentile.P95, 0, 64, 256 * GIB),
            new Expected(
                "build",
                1.2,
                1.5,
                1008L,
                "medium",
                3,
                List.of(),
                codes("memory_near_limit"),
                "cgroup")),
        new Case(
            "ceilings",
            concat(
                three(),
                rows(
                    run("r4", 4).oomKills(1).memoryMib(2048),
                    run("r5", 5).oomKills(1).memoryMib(2048))),
            new SizingParameters(10, CpuPercentile.P95, 0.2, 1.0, 3 * GIB),
            new Expected(
                "build",
                1.0,
                1.0,
                3072L,
                "low",
                3,
                List.of("r5:oom_killed", "r4:oom_killed"),
                codes("oom_killed", "oom_repeated", "cpu_ceiling", "memory_ceiling"),
                "cgroup")),
        new Case(
            "only OOM-killed runs",
            rows(run("r1", 1).oomKills(1).memoryMib(2048)),
            defaults,
            new Expected(
                "build",
                null,
                null,
                2464L,
                "none",
                0,
                List.of("r1:oom_killed"),
                codes("no_clean_runs", "oom_killed"),
                "cgroup")),
        // Window of 3: r1 (with a huge peak) is outside it.
        new Case(
            "runs beyond the window",
            concat(rows(run("r1", 1).cpu(4.0, 5.0).memoryMib(4000)), four().subList(1, 4)),
            new SizingParameters(3, CpuPercentile.P95, 0.2, 64, 256 * GIB),
            new Expected("build", 1.45, 1.8, 1200L, "medium", 3, List.of(), codes(), "cgroup")),
        // p99 1.4 × 1.2 = 1.68 → 1.7.
        new Case(
            "another percentile",
            three(),
            new SizingParameters(10, CpuPercentile.P99, 0.2, 64, 256 * GIB),
            new Expected("build", 1.7, 1.8, 1200L, "medium", 3, List.of(), codes(), "cgroup")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void givesTheHandComputedAdvice(Case c) {
    SizingAdvice advice = SizingAdvisor.advise(c.rows(), c.parameters());
    ContainerAdvice got = advice.container(c.expected().container()).orElseThrow();
    Expected want = c.expected();
    assertAll(
        () -> assertEquals(want.cpuRequest(), got.cpuRequestCores(), "cpu request"),
        () -> assertEquals(want.cpuLimit(), got.cpuLimitCores(), "cpu limit"),
        () -> assertEquals(want.memoryMib() * MIB, got.memoryLimitBytes(), "memory limit"),
        () -> assertEquals(got.memoryLimitBytes(), got.memoryRequestBytes(), "memory request"),
        () -> assertEquals(want.level(), got.confidence().level(), "confidence"),
        () -> assertEquals(want.runsUsed(), got.runsUsed(), "runs used"),
        () ->
            assertEquals(
                want.leftOut(),
                got.runsLeftOut().stream().map(l -> l.runId() + ":" + l.reason()).toList(),
                "left out"),
        () ->
            assertEquals(
                want.reasons(),
                got.reasons().stream().map(Reason::code).collect(Collectors.toSet()),
                "reasons " + got.reasons()),
        () -> assertEquals(want.memorySource(), got.memorySource(), "memory source"));
  }

  static Set<String> codes(String... codes) {
    return Set.of(codes);
  }

  static List<ContainerRun> rows(Row... rows) {
    return Arrays.stream(rows).map(Row::build).toList();
  }

  static List<ContainerRun> concat(List<ContainerRun> a, List<ContainerRun> b) {
    List<ContainerRun> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** Three default runs: 1.2 × 1.2 → 1.45 cores, limit 1.8, memory 1200 MiB. */
  static List<ContainerRun> three() {
    return rows(run("r1", 1), run("r2", 2), run("r3", 3));
  }

  static List<ContainerRun> four() {
    return rows(run("r1", 1), run("r2", 2), run("r3", 3), run("r4", 4));
  }

  /** Five clean runs whose p95 varies 1.0–1.2 and memory peak 980–1010 MiB. */
  static List<ContainerRun> steady() {
    return rows(
        run("r1", 1).cpu(1.2, 1.5).memoryMib(1000),
        run("r2", 2).cpu(1.1, 1.5).memoryMib(980),
        run("r3", 3).cpu(1.15, 1.5).memoryMib(1010),
        run("r4", 4).cpu(1.0, 1.5).memoryMib(990),
        run("r5", 5).cpu(1.05, 1.5).memoryMib(1000));
  }
}
