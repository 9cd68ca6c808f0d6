package dev.runnermetrics.collector.summary;

import dev.runnermetrics.collector.grouping.ContainerLimits;
import dev.runnermetrics.collector.sampling.ContainerSample;
import dev.runnermetrics.collector.sampling.ProcessSample;
import dev.runnermetrics.collector.sampling.TickSample;
import dev.runnermetrics.collector.sampling.VanishedProcess;
import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.Limits;
import dev.runnermetrics.common.summary.ProcessSummary;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.common.summary.Stats;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;

/**
 * Collects tick samples into the run summary.
 *
 * <p>Memory is bounded by what is alive, not by what came and went: one value per tick for each
 * system and container series, one tracker per live process, and two top-N lists. A process that
 * disappears is offered to the top lists and forgotten. Container series hold the ticks in which
 * the container had at least one process.
 */
public final class Accumulator {
  private static final Comparator<ProcessSummary> BY_CPU =
      Comparator.comparingDouble(ProcessSummary::peakCpuPercent)
          .thenComparingDouble(ProcessSummary::avgCpuPercent)
          .thenComparingLong(ProcessSummary::peakMemBytes)
          .thenComparing(Comparator.comparingInt(ProcessSummary::pid).reversed());
  private static final Comparator<ProcessSummary> BY_MEM =
      Comparator.comparingLong(ProcessSummary::peakMemBytes)
          .thenComparingDouble(ProcessSummary::peakCpuPercent)
          .thenComparing(Comparator.comparingInt(ProcessSummary::pid).reversed());

  private static final Logger LOG = System.getLogger(Accumulator.class.getName());

  /** A memory peak from this share of the limit on counts as near the limit. */
  static final double NEAR_LIMIT_SHARE = 0.95;

  /** Containers that keep their timeline in the summary (the busiest). */
  static final int MAX_CONTAINER_TIMELINES = 20;

  private static final String LIMITS_SETTING = "cgroup_limits";
  private static final String CGROUP = "cgroup";

  private final int top;
  private final int maxContainers;
  private final Series cpuTotal = new Series();
  private final Series memUsed = new Series();
  private final Map<String, ContainerSeries> containers = new TreeMap<>();
  private final Map<Long, Tracker> live = new HashMap<>();
  private final PriorityQueue<ProcessSummary> topCpu;
  private final PriorityQueue<ProcessSummary> topMem;
  private final TimelineBuckets systemTimeline = new TimelineBuckets();
  private final PressureTotals systemPressure = new PressureTotals();
  private Instant origin;
  private long ticks;

  /** A container's series and totals. */
  private static final class ContainerSeries {
    final Series cpu = new Series();
    final Series memory = new Series();
    final Series cgroupMemory = new Series();
    final CgroupTotals cgroup = new CgroupTotals();
    final TimelineBuckets timeline = new TimelineBuckets();
    double cpuSeconds;
    long cgroupTicks;
    boolean firstFromCgroup;
    long cgroupPeak = -1;

    void add(ContainerSample c, double offsetSeconds) {
      cgroup.observe(c.cgroup());
      timeline.add(offsetSeconds, c.cpuCores(), c.memoryBytes());
      if (cpu.size() == 0) {
        firstFromCgroup = c.cpuFromCgroup();
      }
      cpu.add(c.cpuCores());
      memory.add(c.memoryBytes());
      cpuSeconds += c.cpuSeconds();
      if (c.cpuFromCgroup()) {
        cgroupTicks++;
      }
      if (c.cgroupMemoryBytes() >= 0) {
        cgroupMemory.add(c.cgroupMemoryBytes());
      }
      cgroupPeak = Math.max(cgroupPeak, c.cgroupMemoryPeakBytes());
    }

    /**
     * cgroup when the kernel counter gave every tick's figure, except perhaps the first (a
     * container that appears mid-run needs one tick to take the counter's baseline).
     */
    ContainerSummary summary(String name, ContainerLimits limits, double shift) {
      Stats cpuStats = StatsCalculator.of(cpu.toArray());
      Stats memoryStats = StatsCalculator.of(memory.toArray());
      Stats cgroupMemoryStats =
          cgroupMemory.size() == 0 ? null : StatsCalculator.of(cgroupMemory.toArray());
      Double cpuLimit = limits.cpuCores(name).orElse(cgroup.cpuLimitCores);
      String cpuLimitSource =
          limits.cpuCores(name).isPresent()
              ? LIMITS_SETTING
              : cgroup.cpuLimitCores == null ? null : CGROUP;
      Long memoryLimit = limits.memoryBytes(name).orElse(cgroup.memoryLimitBytes);
      String memoryLimitSource =
          limits.memoryBytes(name).isPresent()
              ? LIMITS_SETTING
              : cgroup.memoryLimitBytes == null ? null : CGROUP;
      Boolean nearLimit = null;
      if (memoryLimit != null && memoryLimit > 0) {
        double peak = Math.max(memoryStats.peak(), cgroupPeak);
        if (cgroupMemoryStats != null) {
          peak = Math.max(peak, cgroupMemoryStats.peak());
        }
        nearLimit = peak >= NEAR_LIMIT_SHARE * memoryLimit;
      }
      return new ContainerSummary(
          name,
          cpuStats,
          memoryStats,
          cpuLimit,
          memoryLimit,
          cpuSeconds,
          cpuSource(),
          cgroupMemoryStats,
          cgroupPeak < 0 ? null : cgroupPeak,
          cpuLimitSource,
          memoryLimitSource,
          cgroup.memoryHighBytes,
          nearLimit,
          cgroup.oomKills(),
          cgroup.memoryEvents(),
          cgroup.oomVictims(),
          cgroup.periods.rise(),
          cgroup.throttledPeriods.rise(),
          cgroup.throttledSeconds(),
          cgroup.throttledRatio(),
          cgroup.pressure.summary(),
          timeline.toTimeline(shift));
    }

    String cpuSource() {
      long allowed = firstFromCgroup ? 0 : 1;
      return cgroupTicks > 0 && cgroupTicks >= cpu.size() - allowed ? "cgroup" : "proc";
    }
  }

  private static final class Tracker {
    final int pid;
    String name;
    String container;
    double peakCores;
    double sumCores;
    long rateSamples;
    long peakRss;
    long seenTick;

    Tracker(int pid) {
      this.pid = pid;
    }

    ProcessSummary summary() {
      double avg = rateSamples == 0 ? 0 : sumCores / rateSamples;
      return new ProcessSummary(pid, name, container, peakCores * 100, avg * 100, peakRss);
    }
  }

  public Accumulator(int top) {
    this(top, Limits.MAX_CONTAINERS);
  }

  Accumulator(int top, int maxContainers) {
    this.top = top;
    this.maxContainers = maxContainers;
    this.topCpu = new PriorityQueue<>(Math.max(1, top + 1), BY_CPU);
    this.topMem = new PriorityQueue<>(Math.max(1, top + 1), BY_MEM);
  }

  public void add(TickSample sample) {
    ticks++;
    if (origin == null) {
      // The first tick measures from the baseline read, which is where the run's timeline starts.
      origin = sample.time().minusNanos((long) (sample.elapsedSeconds() * 1e9));
    }
    double offset = Duration.between(origin, sample.time()).toNanos() / 1e9;
    cpuTotal.add(sample.cpuTotalPercent());
    memUsed.add(sample.memUsedBytes());
    systemTimeline.add(offset, sample.cpuTotalCores(), sample.memUsedBytes());
    systemPressure.observe(sample.systemPressure());
    for (ContainerSample c : sample.containers()) {
      containers.computeIfAbsent(c.name(), k -> new ContainerSeries()).add(c, offset);
    }
    sample
        .departed()
        .forEach(
            (name, reading) -> {
              ContainerSeries s = containers.get(name);
              if (s != null) {
                s.cgroup.observe(reading);
              }
            });
    for (VanishedProcess v : sample.vanished()) {
      ContainerSeries s = containers.get(v.container());
      if (s != null) {
        s.cgroup.vanished(v);
      }
    }
    for (ProcessSample p : sample.processes()) {
      long key = p.startTimeTicks() * 4_194_304L + p.pid(); // pid_max is at most 2^22
      Tracker t = live.get(key);
      if (t == null) {
        t = new Tracker(p.pid());
        live.put(key, t);
      }
      t.name = p.name();
      t.container = p.container();
      t.seenTick = ticks;
      t.peakRss = Math.max(t.peakRss, p.rssBytes());
      if (p.rateKnown()) {
        t.peakCores = Math.max(t.peakCores, p.cpuCores());
        t.sumCores += p.cpuCores();
        t.rateSamples++;
      }
    }
    for (Iterator<Tracker> it = live.values().iterator(); it.hasNext(); ) {
      Tracker t = it.next();
      if (t.seenTick != ticks) {
        offer(t.summary());
        it.remove();
      }
    }
  }

  /** Bytes held by the per-tick series (system and containers): what grows with the run. */
  long retainedSeriesBytes() {
    long bytes = cpuTotal.retainedBytes() + memUsed.retainedBytes();
    for (ContainerSeries c : containers.values()) {
      bytes += c.cpu.retainedBytes() + c.memory.retainedBytes() + c.cgroupMemory.retainedBytes();
    }
    return bytes;
  }

  /** The number of per-tick series. */
  int seriesCount() {
    return 2 + 3 * containers.size();
  }

  /** Live trackers plus top-N candidates: what the accumulator holds per process. */
  public int trackedProcesses() {
    return live.size() + topCpu.size() + topMem.size();
  }

  private void offer(ProcessSummary s) {
    offer(topCpu, s, BY_CPU);
    offer(topMem, s, BY_MEM);
  }

  private void offer(
      PriorityQueue<ProcessSummary> queue, ProcessSummary s, Comparator<ProcessSummary> order) {
    if (top == 0) {
      return;
    }
    if (queue.size() < top) {
      queue.add(s);
    } else if (order.compare(s, queue.peek()) > 0) {
      queue.poll();
      queue.add(s);
    }
  }

  public RunSummary summarize(Instant start, Instant end, ContainerLimits limits) {
    PriorityQueue<ProcessSummary> cpu = new PriorityQueue<>(topCpu);
    PriorityQueue<ProcessSummary> mem = new PriorityQueue<>(topMem);
    for (Tracker t : live.values()) {
      ProcessSummary s = t.summary();
      offer(cpu, s, BY_CPU);
      offer(mem, s, BY_MEM);
    }
    double shift = origin == null ? 0 : Duration.between(start, origin).toNanos() / 1e9;
    List<ContainerSummary> containerSummaries = new ArrayList<>(containers.size());
    containers.forEach((name, s) -> containerSummaries.add(s.summary(name, limits, shift)));
    if (containerSummaries.size() > maxContainers) {
      // The contract caps a summary's containers; keep the busiest (a build that starts thousands
      // of short-lived containers) rather than have the receiver refuse the whole run.
      LOG.log(
          Level.WARNING,
          "{0} containers seen; the summary keeps the {1} with the highest CPU and memory peaks",
          containerSummaries.size(),
          maxContainers);
      containerSummaries.sort(
          Comparator.comparingDouble((ContainerSummary c) -> c.cpuCores().peak())
              .thenComparingDouble(c -> c.memoryBytes().peak())
              .reversed());
      containerSummaries.subList(maxContainers, containerSummaries.size()).clear();
      containerSummaries.sort(Comparator.comparing(ContainerSummary::name));
    }
    dropTimelinesBeyond(containerSummaries, MAX_CONTAINER_TIMELINES);
    return new RunSummary(
        start,
        end,
        Duration.between(start, end).toMillis() / 1000.0,
        ticks,
        StatsCalculator.of(cpuTotal.toArray()),
        StatsCalculator.of(memUsed.toArray()),
        containerSummaries,
        descending(cpu, BY_CPU),
        descending(mem, BY_MEM),
        ticks == 0 ? null : systemTimeline.toTimeline(shift),
        systemPressure.summary());
  }

  /**
   * Keeps the timelines of the {@code max} containers with the highest CPU peaks: a timeline is up
   * to ~18 KB of JSON, and a run with hundreds of containers must stay within the 1 MiB push.
   */
  static void dropTimelinesBeyond(List<ContainerSummary> summaries, int max) {
    if (summaries.size() <= max) {
      return;
    }
    List<ContainerSummary> busiest = new ArrayList<>(summaries);
    busiest.sort(
        Comparator.comparingDouble((ContainerSummary c) -> c.cpuCores().peak())
            .thenComparingDouble(c -> c.memoryBytes().peak())
            .reversed());
    java.util.Set<String> keep = new java.util.HashSet<>();
    busiest.subList(0, max).forEach(c -> keep.add(c.name()));
    summaries.replaceAll(c -> keep.contains(c.name()) ? c : withoutTimeline(c));
  }

  private static ContainerSummary withoutTimeline(ContainerSummary c) {
    return new ContainerSummary(
        c.name(),
        c.cpuCores(),
        c.memoryBytes(),
        c.cpuLimitCores(),
        c.memoryLimitBytes(),
        c.cpuSeconds(),
        c.cpuSource(),
        c.cgroupMemoryBytes(),
        c.cgroupMemoryPeakBytes(),
        c.cpuLimitSource(),
        c.memoryLimitSource(),
        c.memoryHighBytes(),
        c.memoryNearLimit(),
        c.oomKills(),
        c.memoryEvents(),
        c.oomKilledProcesses(),
        c.cpuPeriods(),
        c.cpuThrottledPeriods(),
        c.cpuThrottledSeconds(),
        c.cpuThrottledRatio(),
        c.pressure(),
        null);
  }

  private static List<ProcessSummary> descending(
      PriorityQueue<ProcessSummary> queue, Comparator<ProcessSummary> order) {
    List<ProcessSummary> list = new ArrayList<>(queue);
    list.sort(order.reversed());
    return list;
  }
}
