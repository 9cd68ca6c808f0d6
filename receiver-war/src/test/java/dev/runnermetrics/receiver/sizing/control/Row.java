package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.common.summary.Stats;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import java.time.Instant;

/**
 * Builds container rows for tests: a 10-minute run of container {@code build} on a recent
 * collector, CPU p95 1.2 / peak 1.5 / avg 0.8 cores, cgroup memory peak 1000 MiB (avg 700 MiB), RSS
 * peak 800 MiB (avg 600 MiB), limits 2 cores and 2 GiB read from the cgroup, no OOM kill, no
 * throttling. {@code at} is minutes after a fixed origin: a higher number is a newer run.
 */
final class Row {

  static final long MIB = 1024L * 1024;
  static final long GIB = 1024 * MIB;
  static final Instant ORIGIN = Instant.parse("2026-11-01T00:00:00Z");

  private String runId;
  private Instant time;
  private double durationSeconds = 600;
  private long sampleCount = 300;
  private String container = "build";
  private Stats cpu = new Stats(1.5, 0.8, 0.8, 1.0, 1.2, 1.4);
  private Stats rss = new Stats(800 * MIB, 600 * MIB, 600 * MIB, 700 * MIB, 780 * MIB, 790 * MIB);
  private Stats cgroupMemory =
      new Stats(1000 * MIB, 700 * MIB, 700 * MIB, 800 * MIB, 950 * MIB, 990 * MIB);
  private Long cgroupPeak = 1000 * MIB;
  private Double cpuLimit = 2.0;
  private String cpuLimitSource = "cgroup";
  private Long memoryLimit = 2 * GIB;
  private String memoryLimitSource = "cgroup";
  private Long oomKills = 0L;
  private Long cpuPeriods = 6000L;
  private Double throttledRatio = 0.0;
  private Double throttledSeconds = 0.0;
  private Boolean nearLimit;

  private Row(String runId, long at) {
    this.runId = runId;
    this.time = ORIGIN.plusSeconds(at * 60);
  }

  /** Run {@code runId}, {@code at} minutes after the origin. */
  static Row run(String runId, long at) {
    return new Row(runId, at);
  }

  Row container(String name) {
    this.container = name;
    return this;
  }

  /** CPU with the given p95 and peak; the other figures scaled from the default shape. */
  Row cpu(double p95, double peak) {
    this.cpu = new Stats(peak, p95 * 2 / 3, p95 * 2 / 3, p95 * 5 / 6, p95, (p95 + peak) / 2);
    return this;
  }

  Row cpu(Stats stats) {
    this.cpu = stats;
    return this;
  }

  /** The cgroup's memory peak (the tick series peaks there too, averaging 70 % of it). */
  Row memoryMib(long peakMib) {
    this.cgroupPeak = peakMib * MIB;
    this.cgroupMemory =
        new Stats(
            peakMib * MIB,
            peakMib * MIB * 0.7,
            peakMib * MIB * 0.7,
            peakMib * MIB * 0.8,
            peakMib * MIB * 0.95,
            peakMib * MIB * 0.99);
    return this;
  }

  Row rssMib(long peakMib) {
    this.rss =
        new Stats(
            peakMib * MIB,
            peakMib * MIB * 0.75,
            peakMib * MIB * 0.75,
            peakMib * MIB * 0.9,
            peakMib * MIB * 0.97,
            peakMib * MIB * 0.99);
    return this;
  }

  Row limits(Double cpuCores, Long memoryBytes) {
    this.cpuLimit = cpuCores;
    this.memoryLimit = memoryBytes;
    this.cpuLimitSource = cpuCores == null ? null : "cgroup";
    this.memoryLimitSource = memoryBytes == null ? null : "cgroup";
    return this;
  }

  Row oomKills(long kills) {
    this.oomKills = kills;
    return this;
  }

  Row throttled(double ratio, double seconds) {
    this.throttledRatio = ratio;
    this.throttledSeconds = seconds;
    return this;
  }

  Row durationSeconds(double seconds) {
    this.durationSeconds = seconds;
    return this;
  }

  Row samples(long count) {
    this.sampleCount = count;
    return this;
  }

  /** As an older collector sends it: no cgroup memory, limit sources, OOM or CFS counters. */
  Row legacy() {
    this.cgroupMemory = null;
    this.cgroupPeak = null;
    this.cpuLimitSource = null;
    this.memoryLimitSource = null;
    this.oomKills = null;
    this.cpuPeriods = null;
    this.throttledRatio = null;
    this.throttledSeconds = null;
    this.nearLimit = null;
    return this;
  }

  ContainerRun build() {
    return new ContainerRun(
        runId,
        time,
        durationSeconds,
        sampleCount,
        container,
        cpu,
        rss,
        cgroupMemory,
        cgroupPeak,
        cpuLimit,
        cpuLimitSource,
        memoryLimit,
        memoryLimitSource,
        oomKills,
        cpuPeriods,
        throttledRatio,
        throttledSeconds,
        nearLimit);
  }
}
