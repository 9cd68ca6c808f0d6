package dev.runnermetrics.collector.sampling;

import dev.runnermetrics.collector.procfs.MemoryEvents;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Pipeline step: the kernel's own figures of each container's cgroup. Reads the counters of each
 * container whose processes all sit in one cgroup that no process of another container is in (nor
 * below it: counters include descendants): CPU time (the first reading of a counter is its
 * baseline), memory, and the event, throttling, pressure and limit files. A container whose last
 * process vanished has its files read once more ({@link #departed()}).
 */
final class CgroupOverlay {
  private static final String MIXED = "\0mixed";

  private final CgroupCounters counters;
  private final LongSupplier nanoClock;
  private final Map<String, long[]> cpuCounterBefore = new HashMap<>();
  private Map<String, OverlayDirs> overlayDirsBefore = new HashMap<>();
  private Map<String, CgroupReading> departed = new HashMap<>();

  CgroupOverlay(CgroupCounters counters, LongSupplier nanoClock) {
    this.counters = counters;
    this.nanoClock = nanoClock;
  }

  /** One container's kernel figures in this tick; −1 for what is not known. */
  static final class ContainerCgroup {
    double cores;
    double cpuSeconds = -1;
    long memory = -1;
    long memoryPeak = -1;
    CgroupReading cgroup = CgroupReading.NONE;
  }

  /** The cgroup files, read once more, of containers whose last process vanished this tick. */
  Map<String, CgroupReading> departed() {
    return departed;
  }

  /** The directories a container's event, throttling and pressure files are read from. */
  private record OverlayDirs(
      CgroupCounters.Dir memory, CgroupCounters.Dir cfs, CgroupCounters.Dir unified) {}

  private CgroupReading overlay(OverlayDirs d) {
    return new CgroupReading(
        d.memory() == null ? MemoryEvents.NONE : counters.memoryEvents(d.memory()),
        d.cfs() == null ? CgroupReading.NONE.cpuStat() : counters.cpuStat(d.cfs()),
        d.unified() == null ? PressureReading.NONE : pressureOf(d.unified()),
        d.cfs() == null ? null : counters.cpuLimitCores(d.cfs()).orElse(null),
        d.memory() == null ? null : counters.memoryLimitBytes(d.memory()).orElse(null),
        d.memory() == null ? null : counters.memoryHighBytes(d.memory()).orElse(null));
  }

  /** A cgroup's pressure files; {@link PressureReading#NONE} when none is readable. */
  private PressureReading pressureOf(CgroupCounters.Dir d) {
    return new PressureReading(
        counters.pressure(d, "cpu").orElse(null),
        counters.pressure(d, "memory").orElse(null),
        counters.pressure(d, "io").orElse(null));
  }

  private static final CgroupCounters.Dir MANY = new CgroupCounters.Dir("", "", false);

  /**
   * Reads this tick's figures.
   *
   * @param containerOf the container of each live process
   * @param cgroupTextOf the {@code /proc/[pid]/cgroup} text of each live process, same order
   */
  Map<String, ContainerCgroup> read(List<String> containerOf, List<String> cgroupTextOf) {
    int n = containerOf.size();
    Map<String, CgroupCounters.Dir> cpuDirOf = new HashMap<>();
    Map<String, CgroupCounters.Dir> memoryDirOf = new HashMap<>();
    Map<String, String> cpuOwner = new HashMap<>();
    Map<String, String> memoryOwner = new HashMap<>();
    Map<String, CgroupCounters.Dir> cfsDirOf = new HashMap<>();
    Map<String, CgroupCounters.Dir> unifiedDirOf = new HashMap<>();
    Map<String, String> cfsOwner = new HashMap<>();
    Map<String, String> unifiedOwner = new HashMap<>();
    // Claiming is idempotent, and processes share a few cgroups: each (cgroup, container) pair
    // is claimed once, not once per process.
    Map<CgroupCounters.Dirs, String> claimedBy = new IdentityHashMap<>();
    for (int i = 0; i < n; i++) {
      String container = containerOf.get(i);
      CgroupCounters.Dirs dirs = counters.dirsOf(cgroupTextOf.get(i));
      String before = claimedBy.putIfAbsent(dirs, container);
      if (before != null && before.equals(container)) {
        continue;
      }
      claim(cpuDirOf, cpuOwner, container, dirs.cpu());
      claim(memoryDirOf, memoryOwner, container, dirs.memory());
      claim(cfsDirOf, cfsOwner, container, dirs.cfs());
      claim(unifiedDirOf, unifiedOwner, container, dirs.unified());
    }
    Map<String, ContainerCgroup> readings = new HashMap<>();
    Map<String, long[]> cpuNow = new HashMap<>();
    cpuDirOf.forEach(
        (container, d) -> {
          if (d == MANY || !container.equals(cpuOwner.get(d.path()))) {
            return;
          }
          OptionalLong ns = counters.cpuNanos(d);
          if (ns.isEmpty()) {
            return;
          }
          long at = nanoClock.getAsLong();
          long[] before = cpuCounterBefore.get(d.path());
          cpuNow.put(d.path(), new long[] {ns.getAsLong(), at});
          if (before != null && at > before[1] && ns.getAsLong() >= before[0]) {
            ContainerCgroup r = readings.computeIfAbsent(container, c -> new ContainerCgroup());
            r.cpuSeconds = (ns.getAsLong() - before[0]) / 1e9;
            r.cores = r.cpuSeconds / ((at - before[1]) / 1e9);
          }
        });
    cpuCounterBefore.clear();
    cpuCounterBefore.putAll(cpuNow);
    memoryDirOf.forEach(
        (container, d) -> {
          if (d == MANY || !container.equals(memoryOwner.get(d.path()))) {
            return;
          }
          long[] m = counters.memory(d);
          if (m[0] >= 0 || m[1] >= 0) {
            ContainerCgroup r = readings.computeIfAbsent(container, c -> new ContainerCgroup());
            r.memory = m[0];
            r.memoryPeak = m[1];
          }
        });
    Set<String> overlaid = new HashSet<>(memoryDirOf.keySet());
    overlaid.addAll(cfsDirOf.keySet());
    overlaid.addAll(unifiedDirOf.keySet());
    Map<String, OverlayDirs> ownedNow = new HashMap<>();
    for (String container : overlaid) {
      OverlayDirs dirs =
          new OverlayDirs(
              owned(memoryDirOf, memoryOwner, container),
              owned(cfsDirOf, cfsOwner, container),
              owned(unifiedDirOf, unifiedOwner, container));
      if (dirs.memory() == null && dirs.cfs() == null && dirs.unified() == null) {
        continue;
      }
      ownedNow.put(container, dirs);
      readings.computeIfAbsent(container, c -> new ContainerCgroup()).cgroup = overlay(dirs);
    }
    // A container whose last process vanished (OOM-killed, say) gets its counters read once more.
    departed = new HashMap<>();
    Set<String> present = new HashSet<>(cpuDirOf.keySet());
    present.addAll(overlaid);
    overlayDirsBefore.forEach(
        (container, dirs) -> {
          if (!present.contains(container)) {
            departed.put(container, overlay(dirs));
          }
        });
    overlayDirsBefore = ownedNow;
    return readings;
  }

  /** The container's directory when it is the only container in it (and below it). */
  private static CgroupCounters.Dir owned(
      Map<String, CgroupCounters.Dir> dirOf, Map<String, String> owner, String container) {
    CgroupCounters.Dir d = dirOf.get(container);
    return d == null || d == MANY || !container.equals(owner.get(d.path())) ? null : d;
  }

  private static void claim(
      Map<String, CgroupCounters.Dir> dirOf,
      Map<String, String> owner,
      String container,
      CgroupCounters.Dir d) {
    if (d == null) {
      dirOf.put(container, MANY); // part of the container is not in a readable cgroup
      return;
    }
    CgroupCounters.Dir had = dirOf.putIfAbsent(container, d);
    if (had != null && had != MANY && !had.path().equals(d.path())) {
      dirOf.put(container, MANY);
    }
    String p = d.path();
    while (p.length() > d.mountPoint().length()) {
      owner.merge(p, container, (a, b) -> a.equals(b) ? a : MIXED);
      p = p.substring(0, p.lastIndexOf('/'));
    }
  }
}
