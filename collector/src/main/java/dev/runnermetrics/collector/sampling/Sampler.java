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
 * Turns two consecutive reads of the proc tree into rates. The steps of a tick: a snapshot of each
 * process's {@code stat} (and, when new, exec'd or due, its {@code cgroup}), per-process deltas,
 * the {@link ExitedChildrenLedger}, the sums per container, the {@link CgroupOverlay} (the kernel's
 * own figures per container) and the system figures with {@link HostPressure}.
 *
 * <p>Tick accounting: a process is known by (pid, starttime). Its CPU in a tick is the growth of
 * utime+stime since the previous tick, divided by the measured monotonic time between the two reads
 * of that process (not the nominal interval, and not the tick's start: a tick can be descheduled
 * halfway through). A process not seen at the previous tick that started after it counts all its
 * CPU (it ran only inside this tick); one that started earlier (missed by a failed read) only sets
 * its baseline. A pid whose starttime changed is a new process (PID reuse). Processes that are gone
 * are dropped: the sampler holds only live processes.
 *
 * <p>Exited-process accounting (on unless switched off): when a child is reaped, its whole CPU
 * (utime+stime+cutime+cstime) lands in its parent's cutime+cstime. So a live process also
 * contributes the growth of its cutime+cstime, minus what was already seen of its children that
 * vanished since the previous tick (their utime+stime+cutime+cstime at their last read): a child
 * that lived and died between two ticks is counted, one seen before is not counted twice. A
 * vanished child whose parent vanished too credits the nearest live ancestor (the parent's reaper
 * got both). Credit that the parent's cutime does not show yet (the child was reaped after the
 * parent's read) is carried into the next tick, then dropped. The CPU goes to the container of the
 * vanished children when they all ran in one, else to the parent's. See docs/accounting.md.
 */
public final class Sampler {
  private static final Logger LOG = System.getLogger(Sampler.class.getName());

  private final ProcFs fs;
  private final ContainerResolver resolver;
  private final long clockTicksPerSecond;
  private final long pageSizeBytes;
  private final LongSupplier nanoClock;
  private final Clock wallClock;
  private final boolean countExited;
  private final CgroupOverlay overlay;
  private final HostPressure hostPressure;

  private final Map<Integer, LiveProcess> known = new HashMap<>();
  private long generation;
  private long previousNanos;
  private long previousUptimeTicks = -1;
  private CpuTimes previousCpu;
  private boolean primed;
  private boolean parseWarned;
  private boolean noCgroupWarned;
  private boolean cgroupParseWarned;

  /** Ticks between two reads of a live process's {@code /proc/[pid]/cgroup}. */
  static final int CGROUP_RECHECK_TICKS = 16;

  private static final String NO_CGROUP = "";
  private static final int CANONICAL_LIMIT = 4096;
  private final Map<String, String> canonicalTexts = new HashMap<>();

  /** The text of the process's cgroup file; {@link #NO_CGROUP} when it has none. */
  private String cgroupTextOf(int pid) {
    Optional<String> text = fs.cgroupText(pid);
    if (text.isPresent()) {
      return text.get();
    }
    if (!noCgroupWarned && fs.stat(pid).isPresent()) {
      // Still there, so the kernel or sandbox has no cgroups for it, not a race with its exit.
      noCgroupWarned = true;
      LOG.log(
          Level.WARNING,
          "pid {0} has no readable /proc/{0}/cgroup: processes without one are reported in the"
              + " host container (further ones are not logged)",
          String.valueOf(pid));
    }
    return NO_CGROUP;
  }

  /**
   * One instance per distinct cgroup text: processes share a few cgroups, and lookups by the same
   * instance in the resolver's and the overlay's caches skip comparing the whole text.
   */
  private String canonical(String text) {
    String had = canonicalTexts.putIfAbsent(text, text);
    if (had != null) {
      return had;
    }
    if (canonicalTexts.size() > CANONICAL_LIMIT) {
      canonicalTexts.clear();
      canonicalTexts.put(text, text);
    }
    return text;
  }

  private String pathOf(int pid, String cgroupText) {
    if (cgroupText.isEmpty()) {
      return "/";
    }
    try {
      return resolver.cgroupPath(cgroupText);
    } catch (ProcParseException e) {
      if (!cgroupParseWarned) {
        cgroupParseWarned = true;
        LOG.log(
            Level.WARNING,
            "pid {0}: {1}; such processes are reported in the host container (further ones at"
                + " DEBUG)",
            String.valueOf(pid),
            e.getMessage());
      } else {
        LOG.log(Level.DEBUG, "pid {0}: {1}", pid, e.getMessage());
      }
      return "/";
    }
  }

  public Sampler(
      ProcFs fs,
      ContainerResolver resolver,
      long clockTicksPerSecond,
      LongSupplier nanoClock,
      Clock wallClock) {
    this(fs, resolver, clockTicksPerSecond, nanoClock, wallClock, true);
  }

  /**
   * @param countExited whether CPU that exited children left in their parents' cutime/cstime is
   *     counted (off: the plain per-process method, for comparison)
   */
  public Sampler(
      ProcFs fs,
      ContainerResolver resolver,
      long clockTicksPerSecond,
      LongSupplier nanoClock,
      Clock wallClock,
      boolean countExited) {
    this(fs, resolver, clockTicksPerSecond, nanoClock, wallClock, countExited, false);
  }

  /**
   * @param cgroupCounters whether containers whose cgroup is readable take their CPU figure from
   *     the kernel's counter and report its memory figures (false: /proc only)
   */
  public Sampler(
      ProcFs fs,
      ContainerResolver resolver,
      long clockTicksPerSecond,
      LongSupplier nanoClock,
      Clock wallClock,
      boolean countExited,
      boolean cgroupCounters) {
    this(
        fs,
        resolver,
        nanoClock,
        wallClock,
        new SamplerOptions(clockTicksPerSecond, PageSize.DEFAULT, countExited, cgroupCounters));
  }

  public Sampler(
      ProcFs fs,
      ContainerResolver resolver,
      LongSupplier nanoClock,
      Clock wallClock,
      SamplerOptions options) {
    CgroupCounters c = options.cgroupCounters() ? new CgroupCounters(fs, fs.cgroupMounts()) : null;
    this.overlay = c != null && c.any() ? new CgroupOverlay(c, nanoClock) : null;
    this.hostPressure = new HostPressure(fs);
    this.fs = fs;
    this.resolver = resolver;
    this.clockTicksPerSecond = options.clockTicksPerSecond();
    this.pageSizeBytes = options.pageSizeBytes();
    this.nanoClock = nanoClock;
    this.wallClock = wallClock;
    this.countExited = options.countExited();
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
    List<LiveProcess> entries = new ArrayList<>(pids.length);
    long[] deltas = new long[pids.length];
    long[] childDeltas = new long[pids.length];
    boolean[] childKnown = new boolean[pids.length];
    Map<Integer, Vanished> vanished = new HashMap<>();
    double[] seconds = new double[pids.length];
    boolean[] rateKnown = new boolean[pids.length];
    int n = 0;
    for (int pid : pids) {
      // Each process's own read times bound its delta: a tick that is descheduled halfway
      // through must not stretch the rates of the processes read after the pause.
      long readAt = nanoClock.getAsLong();
      Optional<PidStat> read;
      try {
        read = fs.stat(pid);
      } catch (ProcParseException e) {
        if (!parseWarned) {
          parseWarned = true;
          LOG.log(
              Level.WARNING,
              "skipping pid {0}: {1}; its CPU and memory are not counted (further ones at DEBUG)",
              pid,
              e.getMessage());
        } else {
          LOG.log(Level.DEBUG, "skipping pid {0}: {1}", pid, e.getMessage());
        }
        continue;
      }
      if (read.isEmpty()) {
        continue;
      }
      PidStat stat = read.get();
      LiveProcess k = known.get(pid);
      long childTicks = stat.cutimeTicks() + stat.cstimeTicks();
      if (k != null && k.startTimeTicks == stat.startTimeTicks()) {
        deltas[n] = Math.max(0, stat.cpuTicks() - k.cpuTicks);
        childDeltas[n] = Math.max(0, childTicks - k.childTicks);
        childKnown[n] = true;
        seconds[n] = (readAt - k.readNanos) / 1e9;
        rateKnown[n] = true;
        k.continuing = true;
      } else {
        if (k == null) {
          k = new LiveProcess();
          known.put(pid, k);
        } else if (k.seen == generation - 1) {
          // PID reuse: the previous holder of this pid exited since the previous tick.
          vanished.put(pid, vanishedOf(pid, k));
        }
        k.startTimeTicks = stat.startTimeTicks();
        k.comm = null;
        k.carry = 0;
        k.continuing = false;
        boolean startedSincePrevious =
            previousUptimeTicks >= 0 && stat.startTimeTicks() >= previousUptimeTicks;
        deltas[n] = startedSincePrevious ? stat.cpuTicks() : 0;
        // A process starts with cutime = cstime = 0: all of it is from children since its start.
        childDeltas[n] = startedSincePrevious ? childTicks : 0;
        childKnown[n] = startedSincePrevious;
        seconds[n] = (readAt - previousNanos) / 1e9;
        rateKnown[n] = startedSincePrevious;
      }
      k.cpuTicks = stat.cpuTicks();
      k.childTicks = childTicks;
      k.ppid = stat.ppid();
      k.readNanos = readAt;
      k.seen = generation;
      boolean exec = !stat.comm().equals(k.comm);
      if (exec) {
        k.comm = stat.comm();
        k.name =
            ContainerNames.sanitize(
                ContainerResolver.processName(stat.comm(), () -> fs.argv0(stat.pid())));
      }
      // A process keeps its cgroup unless moved. Read it for new and exec'd processes, for any
      // process that used CPU or reaped children since the previous tick (so no CPU is ever put
      // in a container the process has left: a shell moved into a job's cgroup before it execs
      // another shell keeps its comm), and for the idle rest every CGROUP_RECHECK_TICKS ticks
      // (spread over the ticks by pid): only their memory may sit in the old group that long.
      boolean active = deltas[n] > 0 || childDeltas[n] > 0;
      if (exec
          || active
          || k.cgroupText == null
          || (pid + generation) % CGROUP_RECHECK_TICKS == 0) {
        String text = cgroupTextOf(pid);
        // Keep the instance already held when the text is the same: its hash is cached, so the
        // lookups by text in the resolver and the cgroup overlay stay cheap.
        if (!text.equals(k.cgroupText)) {
          k.cgroupText = canonical(text);
        }
      }
      RawProcess p = new RawProcess(stat, stat.rssPages() * pageSizeBytes, k.cgroupText);
      // The path only changes with the text (one instance per distinct text, see canonical).
      boolean samePath = k.cgroupText == k.pathText && k.path != null;
      String path = samePath ? k.path : pathOf(pid, k.cgroupText);
      k.pathText = k.cgroupText;
      if (exec || !samePath) {
        // The resolver remembers what it was shown: the same name in the same path again is a
        // no-op, so only a change is shown.
        resolver.observe(k.name, path);
      }
      k.path = path;
      raws.add(p);
      paths.add(path);
      entries.add(k);
      n++;
    }
    // The stat files of processes that were not read in this pass (gone) are closed now.
    fs.closeUnread();
    for (Iterator<Map.Entry<Integer, LiveProcess>> it = known.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Integer, LiveProcess> e = it.next();
      LiveProcess k = e.getValue();
      if (k.seen != generation) {
        if (k.seen == generation - 1) {
          vanished.put(e.getKey(), vanishedOf(e.getKey(), k));
        }
        it.remove();
      }
    }
    if (countExited) {
      ExitedChildrenLedger.credit(vanished, known, generation);
    }

    Map<String, CgroupOverlay.ContainerCgroup> counted = Map.of();
    if (overlay != null) {
      List<String> containerOf = new ArrayList<>(n);
      List<String> cgroupTextOf = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        containerOf.add(resolver.containerOf(paths.get(i)));
        cgroupTextOf.add(raws.get(i).cgroupText());
      }
      counted = overlay.read(containerOf, cgroupTextOf);
    }
    Map<String, CgroupOverlay.ContainerCgroup> countedNow = counted;

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
        double[] sums = byContainer.computeIfAbsent(container, c -> new double[3]);
        sums[0] += cores;
        sums[1] += p.rssBytes();
        sums[2] += deltas[i];
        if (countExited) {
          LiveProcess k = entries.get(i);
          long exited = ExitedChildrenLedger.newlyExited(k, childDeltas[i], childKnown[i]);
          if (exited > 0 && seconds[i] > 0) {
            String to = ExitedChildrenLedger.containerFor(k, container);
            double[] into = byContainer.computeIfAbsent(to, c -> new double[3]);
            into[0] += exited / (double) clockTicksPerSecond / seconds[i];
            into[2] += exited;
          }
          k.credit = 0;
          k.childContainer = null;
        }
      }
      List<ContainerSample> containers = new ArrayList<>(byContainer.size());
      byContainer.forEach(
          (name, s) -> {
            CgroupOverlay.ContainerCgroup r = countedNow.get(name);
            CgroupReading cgroup = r == null ? CgroupReading.NONE : r.cgroup;
            if (r != null && r.cpuSeconds >= 0) {
              containers.add(
                  new ContainerSample(
                      name,
                      r.cores,
                      (long) s[1],
                      r.cpuSeconds,
                      true,
                      r.memory,
                      r.memoryPeak,
                      cgroup));
            } else {
              containers.add(
                  new ContainerSample(
                      name,
                      s[0],
                      (long) s[1],
                      s[2] / clockTicksPerSecond,
                      false,
                      r == null ? -1 : r.memory,
                      r == null ? -1 : r.memoryPeak,
                      cgroup));
            }
          });
      long totalDelta = cpu.totalTicks() - previousCpu.totalTicks();
      long idleDelta = cpu.idleTicks() - previousCpu.idleTicks();
      double cpuPercent =
          totalDelta > 0
              ? Math.min(100, Math.max(0, 100.0 * (totalDelta - idleDelta) / totalDelta))
              : 0;
      double cpuCores =
          elapsed > 0
              ? Math.max(0, (totalDelta - idleDelta) / (double) clockTicksPerSecond / elapsed)
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
                  nanoClock.getAsLong() - started,
                  hostPressure.read(),
                  vanished.values().stream()
                      .map(v -> new VanishedProcess(v.pid(), v.name(), v.container()))
                      .toList(),
                  cpuCores,
                  overlay == null ? Map.of() : overlay.departed()));
    }
    if (!emit) {
      for (LiveProcess k : entries) {
        k.credit = 0;
        k.childContainer = null;
      }
    }
    previousNanos = now;
    previousUptimeTicks = uptimeTicks;
    previousCpu = cpu;
    return result;
  }

  private Vanished vanishedOf(int pid, LiveProcess k) {
    return new Vanished(
        pid,
        k.name == null ? "" : k.name,
        k.ppid,
        k.cpuTicks + k.childTicks,
        k.path == null ? "" : resolver.containerOf(k.path));
  }
}
