package dev.runnermetrics.receiver.ui.it;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Realistic run summaries for the dashboard tests and screenshots: a CI job with a runner, a Docker
 * build and a database container, timelines over the run, limits, and, when asked, an OOM kill or
 * CPU throttling. Deterministic: the same arguments give the same payload.
 */
final class SeedRuns {

  private static final long MIB = 1024L * 1024;
  private static final long GIB = 1024 * MIB;

  /** The containers of a seeded run, in the order of the payload. */
  static final List<String> CONTAINERS = List.of("runner", "docker-build", "postgres");

  private record Shape(
      String name,
      double cpuBase,
      double cpuBurst,
      double cpuLimit,
      long memBase,
      long memGrowth,
      long memLimit) {

    Shape scaled(double factor) {
      return new Shape(
          name,
          cpuBase,
          cpuBurst,
          cpuLimit * factor,
          memBase,
          memGrowth,
          (long) (memLimit * factor));
    }
  }

  private static final List<Shape> SHAPES =
      List.of(
          new Shape("runner", 0.15, 0.6, 2.0, 180 * MIB, 120 * MIB, 2 * GIB),
          new Shape("docker-build", 0.8, 2.6, 4.0, 600 * MIB, 2600 * MIB, 6 * GIB),
          new Shape("postgres", 0.05, 0.35, 1.0, 220 * MIB, 700 * MIB, 1 * GIB));

  private SeedRuns() {}

  /**
   * The payload of run number {@code n}: {@code oom} makes the database hit its memory limit and
   * lose a process, {@code throttled} caps the build at its CPU limit for a third of its periods.
   */
  static JsonObject payload(int n, Instant start, boolean oom, boolean throttled) {
    return payload(n, start, oom, throttled, 1.0);
  }

  /**
   * As {@link #payload(int, Instant, boolean, boolean)}, with every container's CPU and memory
   * limit multiplied by {@code limitScale}: the same work under larger limits wastes more.
   */
  static JsonObject payload(
      int n, Instant start, boolean oom, boolean throttled, double limitScale) {
    Random random = new Random(n * 7919L);
    int points = 90;
    double bucket = 8.0;
    double durationSeconds = points * bucket + random.nextInt(40);
    Instant end = start.plus(Duration.ofMillis((long) (durationSeconds * 1000)));
    JsonArrayBuilder containers = Json.createArrayBuilder();
    double[] systemCpu = new double[points];
    long[] systemMem = new long[points];
    for (Shape unscaled : SHAPES) {
      Shape shape = unscaled.scaled(limitScale);
      double[] cpu = new double[points];
      long[] mem = new long[points];
      double scale = 0.85 + random.nextDouble() * 0.3;
      for (int i = 0; i < points; i++) {
        double phase = (double) i / points;
        double busy =
            shape.name().equals("docker-build") ? bell(phase, 0.55, 0.22) : bell(phase, 0.3, 0.35);
        double value =
            shape.cpuBase() + shape.cpuBurst() * busy * scale + random.nextDouble() * 0.08;
        if (throttled && shape.name().equals("docker-build")) {
          value = Math.min(value * 1.4, shape.cpuLimit());
        }
        cpu[i] = Math.min(value, shape.cpuLimit());
        long memory =
            shape.memBase() + (long) (shape.memGrowth() * Math.min(1, phase * 1.6) * scale);
        if (oom && shape.name().equals("postgres") && i > points * 0.6) {
          memory = shape.memLimit() - random.nextInt(8) * MIB;
        }
        mem[i] = Math.min(memory + random.nextInt(20) * MIB, shape.memLimit());
        systemCpu[i] += cpu[i];
        systemMem[i] += mem[i];
      }
      containers.add(container(shape, cpu, mem, bucket, durationSeconds, oom, throttled));
    }
    for (int i = 0; i < points; i++) {
      systemCpu[i] += 0.2 + random.nextDouble() * 0.1;
      systemMem[i] += 900 * MIB;
    }
    return Json.createObjectBuilder()
        .add("start_time", start.toString())
        .add("end_time", end.toString())
        .add("duration_seconds", round(durationSeconds))
        .add("sample_count", points * 4)
        .add("cpu_total_percent", Stats.of(scaled(systemCpu, 100.0 / 8)).json())
        .add("mem_used_bytes", Stats.of(toDouble(systemMem)).json())
        .add("containers", containers)
        .add("top_cpu_processes", topCpu(random))
        .add("top_mem_processes", topMem(random))
        .add("system_timeline", timeline(bucket, systemCpu, systemMem))
        .add(
            "system_pressure",
            Json.createObjectBuilder()
                .add("cpu", stall(4.2 + n, 11.5))
                .add("memory", stall(oom ? 6.1 : 0.2, oom ? 18.0 : 0.4))
                .add("io", stall(1.3, 3.2)))
        .build();
  }

  private static JsonObjectBuilder container(
      Shape shape,
      double[] cpu,
      long[] mem,
      double bucket,
      double seconds,
      boolean oom,
      boolean throttled) {
    Stats cpuStats = Stats.of(cpu);
    Stats memStats = Stats.of(toDouble(mem));
    boolean oomHere = oom && shape.name().equals("postgres");
    boolean throttledHere = throttled && shape.name().equals("docker-build");
    long periods = (long) (seconds * 10);
    long throttledPeriods = throttledHere ? periods / 3 : periods / 200;
    JsonObjectBuilder c =
        Json.createObjectBuilder()
            .add("name", shape.name())
            .add("cpu_cores", cpuStats.json())
            .add("memory_bytes", memStats.json())
            .add("cpu_limit_cores", shape.cpuLimit())
            .add("memory_limit_bytes", shape.memLimit())
            .add("cpu_seconds", round(cpuStats.avg * seconds))
            .add("cpu_source", "cgroup")
            .add("cgroup_memory_bytes", memStats.json())
            .add("cgroup_memory_peak_bytes", (long) memStats.peak + 4 * MIB)
            .add("cpu_limit_source", "cgroup")
            .add("memory_limit_source", "cgroup")
            .add("memory_near_limit", memStats.peak + 4 * MIB >= shape.memLimit() * 0.95)
            .add("oom_kills", oomHere ? 1 : 0)
            .add(
                "memory_events",
                Json.createObjectBuilder()
                    .add("high", 0)
                    .add("max", oomHere ? 14 : 0)
                    .add("oom", oomHere ? 1 : 0)
                    .add("oom_kill", oomHere ? 1 : 0)
                    .add("oom_group_kill", 0))
            .add("cpu_periods", periods)
            .add("cpu_throttled_periods", throttledPeriods)
            .add("cpu_throttled_seconds", round(throttledPeriods * 0.021))
            .add("cpu_throttled_ratio", round((double) throttledPeriods / periods))
            .add(
                "pressure",
                Json.createObjectBuilder()
                    .add("cpu", stall(throttledHere ? 48.0 : 1.1, throttledHere ? 35.0 : 2.0))
                    .add("memory", stall(oomHere ? 5.8 : 0.0, oomHere ? 17.0 : 0.0)))
            .add("timeline", timeline(bucket, cpu, mem));
    if (oomHere) {
      c.add(
          "oom_killed_processes",
          Json.createArrayBuilder()
              .add(Json.createObjectBuilder().add("pid", 4242).add("name", "postgres")));
    }
    return c;
  }

  private static JsonObjectBuilder timeline(double bucket, double[] cpu, long[] mem) {
    JsonArrayBuilder offsets = Json.createArrayBuilder();
    JsonArrayBuilder cpuMax = Json.createArrayBuilder();
    JsonArrayBuilder cpuAvg = Json.createArrayBuilder();
    JsonArrayBuilder memMax = Json.createArrayBuilder();
    JsonArrayBuilder memAvg = Json.createArrayBuilder();
    for (int i = 0; i < cpu.length; i++) {
      offsets.add(i * bucket);
      cpuMax.add(round(cpu[i]));
      cpuAvg.add(round(cpu[i] * 0.82));
      memMax.add(mem[i]);
      memAvg.add((long) (mem[i] * 0.97));
    }
    return Json.createObjectBuilder()
        .add("bucket_seconds", bucket)
        .add("offset_seconds", offsets)
        .add("cpu_cores_max", cpuMax)
        .add("cpu_cores_avg", cpuAvg)
        .add("memory_bytes_max", memMax)
        .add("memory_bytes_avg", memAvg);
  }

  private static JsonArrayBuilder topCpu(Random random) {
    return Json.createArrayBuilder()
        .add(process(311, "cc1plus", "docker-build", 99.8, 71.2, 412 * MIB))
        .add(process(298, "go", "docker-build", 240.5 + random.nextInt(30), 88.0, 780 * MIB))
        .add(process(77, "postgres", "postgres", 34.0, 6.3, 610 * MIB))
        .add(process(12, "forgejo-runner", "runner", 21.4, 3.1, 96 * MIB));
  }

  private static JsonArrayBuilder topMem(Random random) {
    return Json.createArrayBuilder()
        .add(process(298, "go", "docker-build", 240.5, 88.0, 780 * MIB + random.nextInt(64) * MIB))
        .add(process(77, "postgres", "postgres", 34.0, 6.3, 610 * MIB))
        .add(process(311, "cc1plus", "docker-build", 99.8, 71.2, 412 * MIB));
  }

  private static JsonObjectBuilder process(
      int pid, String name, String container, double peak, double avg, long mem) {
    return Json.createObjectBuilder()
        .add("pid", pid)
        .add("name", name)
        .add("container", container)
        .add("peak_cpu_percent", peak)
        .add("avg_cpu_percent", avg)
        .add("peak_mem_bytes", mem);
  }

  private static JsonObjectBuilder stall(double someSeconds, double peakPercent) {
    return Json.createObjectBuilder()
        .add("some_seconds", someSeconds)
        .add("some_avg10_peak_percent", peakPercent);
  }

  private static double bell(double x, double centre, double width) {
    double d = (x - centre) / width;
    return Math.exp(-d * d);
  }

  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }

  private static double[] toDouble(long[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static double[] scaled(double[] values, double factor) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = Math.min(100, values[i] * factor);
    }
    return out;
  }

  /** Peak, mean and R-7 percentiles of a series, as the contract's stats object. */
  private record Stats(double peak, double avg, double p50, double p75, double p95, double p99) {

    static Stats of(double[] values) {
      double[] sorted = values.clone();
      java.util.Arrays.sort(sorted);
      double sum = 0;
      for (double v : sorted) {
        sum += v;
      }
      return new Stats(
          sorted[sorted.length - 1],
          sum / sorted.length,
          percentile(sorted, 0.5),
          percentile(sorted, 0.75),
          percentile(sorted, 0.95),
          percentile(sorted, 0.99));
    }

    private static double percentile(double[] sorted, double p) {
      double rank = p * (sorted.length - 1);
      int low = (int) Math.floor(rank);
      int high = Math.min(low + 1, sorted.length - 1);
      return sorted[low] + (sorted[high] - sorted[low]) * (rank - low);
    }

    JsonObjectBuilder json() {
      return Json.createObjectBuilder()
          .add("peak", round(peak))
          .add("avg", round(avg))
          .add("p50", round(p50))
          .add("p75", round(p75))
          .add("p95", round(p95))
          .add("p99", round(p99));
    }
  }
}
