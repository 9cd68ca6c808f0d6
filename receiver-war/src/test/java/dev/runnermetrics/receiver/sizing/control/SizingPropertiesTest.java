package dev.runnermetrics.receiver.sizing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.Stats;
import dev.runnermetrics.receiver.sizing.entity.ContainerAdvice;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.CpuPercentile;
import dev.runnermetrics.receiver.sizing.entity.ObservedRun;
import dev.runnermetrics.receiver.sizing.entity.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Properties of the method over generated histories (fixed seed, so a failure replays): the advice
 * is never below its basis (rounding only upward), never above the ceilings, and a run with lower
 * usage than every run before it never raises it.
 */
class SizingPropertiesTest {

  private static final long SEED = 20261202L;
  private static final int HISTORIES = 2000;
  private static final long MIB = 1024L * 1024;
  private static final double EPS = 1e-9;

  @Test
  void adviceStaysBetweenItsBasisAndTheCeiling() {
    Random random = new Random(SEED);
    for (int i = 0; i < HISTORIES; i++) {
      SizingParameters parameters = parameters(random);
      List<ContainerRun> rows = history(random, 1 + random.nextInt(15));
      ContainerAdvice advice = only(rows, parameters);
      int trial = i;
      Supplier<String> context = () -> trial + ": " + parameters + " " + rows;
      List<ObservedRun> used = advice.observed().runs().stream().filter(ObservedRun::used).toList();
      if (used.isEmpty()) {
        org.junit.jupiter.api.Assertions.assertNull(advice.cpuRequestCores(), context);
        continue;
      }
      // The basis is the highest clean figure, or the next one when the highest is an outlier.
      double[] figures = used.stream().mapToDouble(ObservedRun::cpuCores).sorted().toArray();
      double basis = advice.observed().cpuBasisCores();
      boolean outlier = advice.hasReason(ReasonCode.CPU_OUTLIER);
      assertEquals(
          figures[figures.length - (outlier ? 2 : 1)],
          basis,
          1e-6,
          () -> "cpu basis " + context.get());

      double ceiling = parameters.cpuCeilingCores();
      double request = advice.cpuRequestCores();
      assertTrue(request <= ceiling + EPS, () -> "cpu ≤ ceiling " + context.get());
      assertTrue(request >= Math.min(basis, ceiling) - 1e-6, () -> "cpu ≥ basis " + context.get());
      double withHeadroom = basis * (1 + parameters.headroomFor(used.size()));
      assertTrue(
          request >= Math.min(withHeadroom, ceiling) - 1e-6,
          () -> "cpu ≥ headroom " + context.get());
      assertTrue(
          request == ceiling || Math.round(request * 1000) % 50 == 0,
          () -> "50m steps " + context.get());
      assertTrue(
          advice.confidence().cpuHighCores() <= ceiling + EPS
              && advice.confidence().cpuHighCores() >= request - EPS,
          () -> "cpu range " + context.get());
      if (advice.cpuLimitCores() != null) {
        assertTrue(
            advice.cpuLimitCores() >= request - EPS, () -> "limit ≥ request " + context.get());
        assertTrue(
            advice.cpuLimitCores() <= ceiling + EPS, () -> "limit ≤ ceiling " + context.get());
      }

      long memoryCeiling = parameters.memoryCeilingBytes();
      long memory = advice.memoryLimitBytes();
      long peak = used.stream().mapToLong(ObservedRun::memoryPeakBytes).max().orElseThrow();
      assertEquals(peak, advice.observed().memoryBasisBytes(), context);
      assertTrue(memory <= memoryCeiling, () -> "memory ≤ ceiling " + context.get());
      assertTrue(
          advice.confidence().memoryHighBytes() <= memoryCeiling
              && advice.confidence().memoryHighBytes() >= memory,
          () -> "memory range " + context.get());
      assertTrue(memory >= Math.min(peak, memoryCeiling), () -> "memory ≥ peak " + context.get());
      assertTrue(
          memory == memoryCeiling || memory % (16 * MIB) == 0,
          () -> "16 MiB steps " + context.get());
    }
  }

  @Test
  void aRunWithLowerUsageNeverRaisesTheAdvice() {
    Random random = new Random(SEED + 1);
    int compared = 0;
    for (int i = 0; i < HISTORIES; i++) {
      SizingParameters parameters = parameters(random);
      List<ContainerRun> rows = history(random, 1 + random.nextInt(15));
      ContainerAdvice before = only(rows, parameters);
      List<ContainerRun> more = new ArrayList<>(rows);
      more.add(lower(random, rows));
      ContainerAdvice after = only(more, parameters);
      int trial = i;
      Supplier<String> context = () -> trial + ": " + parameters + " " + rows;
      assertTrue(
          notAbove(after.memoryLimitBytes(), before.memoryLimitBytes()),
          () -> "memory " + context.get());
      if (before.cpuRequestCores() != null) {
        compared++;
        assertTrue(
            after.cpuRequestCores() <= before.cpuRequestCores() + EPS,
            () -> "cpu " + context.get());
        if (before.cpuLimitCores() != null) {
          assertTrue(
              after.cpuLimitCores() <= before.cpuLimitCores() + EPS,
              () -> "cpu limit " + context.get());
        }
      }
    }
    assertTrue(compared > HISTORIES / 2, "most histories had advice to compare: " + compared);
  }

  private static boolean notAbove(Long after, Long before) {
    return before == null || after <= before;
  }

  private static ContainerAdvice only(List<ContainerRun> rows, SizingParameters parameters) {
    List<ContainerAdvice> containers = SizingAdvisor.advise(rows, parameters).containers();
    assertEquals(1, containers.size());
    return containers.get(0);
  }

  private static SizingParameters parameters(Random random) {
    return new SizingParameters(
        1 + random.nextInt(12),
        CpuPercentile.values()[random.nextInt(CpuPercentile.values().length)],
        pick(random, 0.0, 0.1, 0.2, 0.5, 1.0),
        pick(random, 0.5, 2.0, 8.0, 64.0),
        pick(random, 256L, 2048L, 65536L) * MIB);
  }

  /** {@code n} runs of one container, oldest first, one minute apart. */
  private static List<ContainerRun> history(Random random, int n) {
    List<ContainerRun> rows = new ArrayList<>();
    Double cpuLimit = pick(random, null, 0.5, 1.0, 2.0, 4.0);
    Long memoryLimit = pick(random, null, 512L, 1024L, 4096L);
    for (int i = 0; i < n; i++) {
      if (random.nextDouble() < 0.2) {
        cpuLimit = pick(random, null, 0.5, 1.0, 2.0, 4.0);
        memoryLimit = pick(random, null, 512L, 1024L, 4096L);
      }
      boolean legacy = random.nextDouble() < 0.2;
      boolean oom = !legacy && random.nextDouble() < 0.1;
      boolean throttled = !legacy && cpuLimit != null && random.nextDouble() < 0.15;
      double cpuCeiling = cpuLimit == null ? 6 : cpuLimit;
      Stats cpu = stats(random, cpuCeiling);
      long limitBytes = memoryLimit == null ? 8192 * MIB : memoryLimit * MIB;
      long peak = oom ? limitBytes : (long) (limitBytes * (0.02 + 0.97 * random.nextDouble()));
      Stats rss =
          new Stats(peak * 0.8, peak * 0.5, peak * 0.5, peak * 0.6, peak * 0.7, peak * 0.75);
      boolean cgroup = !legacy && random.nextDouble() < 0.8;
      rows.add(
          new ContainerRun(
              "run-" + i,
              Instant.EPOCH.plusSeconds(60L * i),
              30 + random.nextInt(3600),
              random.nextDouble() < 0.05 ? 1 : 10 + random.nextInt(1000),
              "c",
              cpu,
              rss,
              cgroup ? new Stats(peak, peak * 0.6, peak * 0.6, peak * 0.7, peak * 0.9, peak) : null,
              cgroup ? peak : null,
              cpuLimit,
              cpuLimit == null || legacy ? null : "cgroup",
              memoryLimit == null ? null : memoryLimit * MIB,
              memoryLimit == null || legacy ? null : "cgroup",
              legacy ? null : oom ? 1L + random.nextInt(3) : 0L,
              legacy || cpuLimit == null ? null : 1000L,
              legacy || cpuLimit == null ? null : throttled ? 0.05 + 0.9 * random.nextDouble() : 0,
              legacy || cpuLimit == null ? null : throttled ? random.nextDouble() * 600 : 0.0,
              null));
    }
    return rows;
  }

  /** Ordered figures p50 ≤ p75 ≤ p95 ≤ p99 ≤ peak, avg ≤ peak, all at most {@code max}. */
  private static Stats stats(Random random, double max) {
    double[] v = new double[5];
    for (int i = 0; i < v.length; i++) {
      v[i] = max * random.nextDouble();
    }
    Arrays.sort(v);
    return new Stats(v[4], v[0] + (v[4] - v[0]) * random.nextDouble(), v[0], v[1], v[2], v[3]);
  }

  /**
   * A clean, complete, unthrottled run after all of {@code rows}, using less of everything than any
   * of them, with the newest run's limits.
   */
  private static ContainerRun lower(Random random, List<ContainerRun> rows) {
    ContainerRun newest = rows.stream().max(Comparator.comparing(ContainerRun::time)).orElseThrow();
    double f = random.nextDouble();
    double cores =
        f
            * rows.stream()
                .mapToDouble(r -> Math.min(r.cpuCores().p50(), r.cpuCores().avg()))
                .min()
                .orElseThrow();
    double bytes =
        f
            * rows.stream()
                .mapToDouble(r -> Math.min(r.memoryBytes().avg(), r.memoryPeak()))
                .min()
                .orElseThrow();
    Stats memory = new Stats(bytes, bytes, bytes, bytes, bytes, bytes);
    return new ContainerRun(
        "run-lower",
        newest.time().plusSeconds(60),
        600,
        300,
        "c",
        new Stats(cores, cores, cores, cores, cores, cores),
        memory,
        memory,
        (long) bytes,
        newest.cpuLimitCores(),
        newest.cpuLimitSource(),
        newest.memoryLimitBytes(),
        newest.memoryLimitSource(),
        0L,
        newest.cpuLimitCores() == null ? null : 1000L,
        newest.cpuLimitCores() == null ? null : 0.0,
        newest.cpuLimitCores() == null ? null : 0.0,
        false);
  }

  @SafeVarargs
  private static <T> T pick(Random random, T... values) {
    return values[random.nextInt(values.length)];
  }
}
