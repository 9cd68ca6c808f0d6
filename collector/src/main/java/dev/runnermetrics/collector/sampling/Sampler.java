package dev.runnermetrics.collector.sampling;

import dev.runnermetrics.collector.grouping.ContainerNames;
import dev.runnermetrics.collector.grouping.ContainerResolver;
import dev.runnermetrics.collector.procfs.CpuTimes;
import dev.runnermetrics.collector.procfs.PidStat;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.procfs.ProcParseException;
import dev.runnermetrics.collector.procfs.RawProcess;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * Turns two consecutive reads of the proc tree into rates.
 *
 * <p>Tick accounting: a process is known by (pid, starttime). Its CPU in a tick is the growth of
 * utime+stime since the previous tick, divided by the measured monotonic time between the two reads
 * of that process (not the nominal interval, and not the tick's start: a tick can be descheduled
 * halfway through). A process not seen at the previous tick that started after it counts all its
 * CPU (it ran only inside this tick); one that started earlier (missed by a failed read) only sets
 * its baseline. A pid whose starttime changed is a new process (PID reuse). Processes that are gone
 * are dropped: the sampler holds only live processes.
 */
public final class Sampler {
  private static final Logger LOG = System.getLogger(Sampler.class.getName());

  private final ProcFs fs;
  private final ContainerResolver resolver;
  private final long clockTicksPerSecond;
  private final LongSupplier nanoClock;
  private final Clock wallClock;

  private final Map<Integer, Known> known = new HashMap<>();
  private long generation;
  private long previousNanos;
  private long previousUptimeTicks = -1;
  private CpuTimes previousCpu;
  private boolean primed;
  private boolean parseWarned;

  /** Per-live-process state, mutated in place so a steady state allocates little. */
  private static final class Known {
    long startTimeTicks;
    long cpuTicks;
    long readNanos;
    String comm;
    String name;
    long seen;
  }

  public Sampler(
      ProcFs fs,
      ContainerResolver resolver,
      long clockTicksPerSecond,
      LongSupplier nanoClock,
      Clock wallClock) {
    this.fs = fs;
    this.resolver = resolver;
    this.clockTicksPerSecond = clockTicksPerSecond;
    this.nanoClock = nanoClock;
    this.wallClock = wallClock;
  }

  /** Reads the baseline that the first {@link #tick()} measures against. */
  public void prime() throws IOException {
    read(false);
    primed = true;
  }

  /** Reads everything and returns rates since the previous tick (or since {@link #prime()}). */
  public TickSample tick() throws IOException {
    if (!primed) {
      prime();
    }
    return read(true).orElseThrow();
  }

  public int liveProcessCount() {
    return known.size();
  }

  private Optional<TickSample> read(boolean emit) throws IOException {
    long started = nanoClock.getAsLong();
    // Uptime first: anything not in the previous listing started after the previous uptime read.
    long uptimeTicks = fs.uptimeCentis() * clockTicksPerSecond / 100;
    CpuTimes cpu = fs.cpuTimes();
    long memUsed = fs.meminfo().usedBytes();
    int[] pids = fs.pids();
    long now = nanoClock.getAsLong();
    double elapsed = (now - previousNanos) / 1e9;
    generation++;

    List<RawProcess> raws = new ArrayList<>(pids.length);
    List<String> paths = new ArrayList<>(pids.length);
    List<Known> entries = new ArrayList<>(pids.length);
    long[] deltas = new long[pids.length];
    double[] seconds = new double[pids.length];
    boolean[] rateKnown = new boolean[pids.length];
    int n = 0;
    for (int pid : pids) {
      // Each process's own read times bound its delta: a tick that is descheduled halfway
      // through must not stretch the rates of the processes read after the pause.
      long readAt = nanoClock.getAsLong();
      Optional<RawProcess> raw;
      try {
        raw = fs.process(pid);
      } catch (ProcParseException e) {
        if (!parseWarned) {
          parseWarned = true;
          LOG.log(
              Level.WARNING, "skipping pid {0}: {1} (further ones at DEBUG)", pid, e.getMessage());
        } else {
          LOG.log(Level.DEBUG, "skipping pid {0}: {1}", pid, e.getMessage());
        }
        continue;
      }
      if (raw.isEmpty()) {
        continue;
      }
      RawProcess p = raw.get();
      PidStat stat = p.stat();
      Known k = known.get(pid);
      if (k != null && k.startTimeTicks == stat.startTimeTicks()) {
        deltas[n] = Math.max(0, stat.cpuTicks() - k.cpuTicks);
        seconds[n] = (readAt - k.readNanos) / 1e9;
        rateKnown[n] = true;
      } else {
        if (k == null) {
          k = new Known();
          known.put(pid, k);
        }
        k.startTimeTicks = stat.startTimeTicks();
        k.comm = null;
        boolean startedSincePrevious =
            previousUptimeTicks >= 0 && stat.startTimeTicks() >= previousUptimeTicks;
        deltas[n] = startedSincePrevious ? stat.cpuTicks() : 0;
        seconds[n] = (readAt - previousNanos) / 1e9;
        rateKnown[n] = startedSincePrevious;
      }
      k.cpuTicks = stat.cpuTicks();
      k.readNanos = readAt;
      k.seen = generation;
      if (!stat.comm().equals(k.comm)) {
        k.comm = stat.comm();
        k.name =
            ContainerNames.sanitize(
                ContainerResolver.processName(stat.comm(), () -> fs.argv0(stat.pid())));
      }
      String path;
      try {
        path = resolver.cgroupPath(p.cgroupText());
      } catch (ProcParseException e) {
        LOG.log(Level.DEBUG, "pid {0}: {1}", pid, e.getMessage());
        path = "/";
      }
      resolver.observe(k.name, path);
      raws.add(p);
      paths.add(path);
      entries.add(k);
      n++;
    }
    for (Iterator<Known> it = known.values().iterator(); it.hasNext(); ) {
      if (it.next().seen != generation) {
        it.remove();
      }
    }

    Optional<TickSample> result = Optional.empty();
    if (emit) {
      List<ProcessSample> processes = new ArrayList<>(n);
      Map<String, double[]> byContainer = new TreeMap<>();
      for (int i = 0; i < n; i++) {
        RawProcess p = raws.get(i);
        String container = resolver.containerOf(paths.get(i));
        double cores = seconds[i] > 0 ? deltas[i] / (double) clockTicksPerSecond / seconds[i] : 0;
        processes.add(
            new ProcessSample(
                p.stat().pid(),
                p.stat().startTimeTicks(),
                entries.get(i).name,
                container,
                cores,
                rateKnown[i],
                p.rssBytes()));
        double[] sums = byContainer.computeIfAbsent(container, c -> new double[2]);
        sums[0] += cores;
        sums[1] += p.rssBytes();
      }
      List<ContainerSample> containers = new ArrayList<>(byContainer.size());
      byContainer.forEach(
          (name, s) -> containers.add(new ContainerSample(name, s[0], (long) s[1])));
      long totalDelta = cpu.totalTicks() - previousCpu.totalTicks();
      long idleDelta = cpu.idleTicks() - previousCpu.idleTicks();
      double cpuPercent =
          totalDelta > 0
              ? Math.min(100, Math.max(0, 100.0 * (totalDelta - idleDelta) / totalDelta))
              : 0;
      result =
          Optional.of(
              new TickSample(
                  wallClock.instant(),
                  elapsed,
                  cpuPercent,
                  memUsed,
                  containers,
                  processes,
                  nanoClock.getAsLong() - started));
    }
    previousNanos = now;
    previousUptimeTicks = uptimeTicks;
    previousCpu = cpu;
    return result;
  }
}
