package dev.runnermetrics.collector.sampling;

import dev.runnermetrics.collector.procfs.CfsQuotaParser;
import dev.runnermetrics.collector.procfs.CgroupEntry;
import dev.runnermetrics.collector.procfs.CgroupFileParser;
import dev.runnermetrics.collector.procfs.CgroupMount;
import dev.runnermetrics.collector.procfs.CpuMaxParser;
import dev.runnermetrics.collector.procfs.CpuStat;
import dev.runnermetrics.collector.procfs.CpuStatParser;
import dev.runnermetrics.collector.procfs.MemoryEvents;
import dev.runnermetrics.collector.procfs.MemoryEventsParser;
import dev.runnermetrics.collector.procfs.MemoryFailcntParser;
import dev.runnermetrics.collector.procfs.MemoryLimitInBytesParser;
import dev.runnermetrics.collector.procfs.MemoryMaxParser;
import dev.runnermetrics.collector.procfs.OomControlParser;
import dev.runnermetrics.collector.procfs.PressureFile;
import dev.runnermetrics.collector.procfs.PressureParser;
import dev.runnermetrics.collector.procfs.ProcCgroupParser;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.procfs.ProcParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * The kernel's own counters of a process's cgroups, where the collector can read them.
 *
 * <p>A cgroup path from {@code /proc/[pid]/cgroup} is resolved against the mounted hierarchies: CPU
 * from the v1 {@code cpuacct} hierarchy ({@code cpuacct.usage}, ns) when it is mounted, else from
 * the v2 hierarchy ({@code cpu.stat} {@code usage_usec}); memory from the v1 {@code memory}
 * hierarchy ({@code memory.usage_in_bytes}, {@code memory.max_usage_in_bytes}), else v2 ({@code
 * memory.current}, {@code memory.peak}). A path outside a mount's root (not visible from here) and
 * the root cgroup of a mount (the whole host) resolve to nothing.
 */
final class CgroupCounters {
  /** A counter directory and the mount it is in (its ancestors up to the mount also count it). */
  record Dir(String path, String mountPoint, boolean v1) {}

  /**
   * The counter directories of one process; null where none is visible. {@code cpu} holds the CPU
   * time counter, {@code cfs} the CFS bandwidth files (quota, throttling), {@code unified} the v2
   * directory with the pressure files.
   */
  record Dirs(Dir cpu, Dir memory, Dir cfs, Dir unified) {}

  private static final int CACHE_LIMIT = 4096;
  private static final Dirs NONE = new Dirs(null, null, null, null);

  private final ProcFs fs;
  private final CgroupMount cpuMount;
  private final CgroupMount memoryMount;
  private final CgroupMount cfsMount;
  private final CgroupMount unifiedMount;
  private final Map<String, Dirs> byCgroupText = new HashMap<>();

  CgroupCounters(ProcFs fs, List<CgroupMount> mounts) {
    this.fs = fs;
    this.cpuMount = pick(mounts, "cpuacct");
    this.memoryMount = pick(mounts, "memory");
    this.cfsMount = pick(mounts, "cpu");
    this.unifiedMount = mounts.stream().filter(CgroupMount::v2).findFirst().orElse(null);
  }

  /** v1 hierarchy with the controller, else the v2 one, else null. */
  private static CgroupMount pick(List<CgroupMount> mounts, String controller) {
    CgroupMount v2 = null;
    for (CgroupMount m : mounts) {
      if (!m.v2() && m.controllers().contains(controller)) {
        return m;
      }
      if (m.v2() && v2 == null) {
        v2 = m;
      }
    }
    return v2;
  }

  boolean any() {
    return cpuMount != null || memoryMount != null;
  }

  Dirs dirsOf(String cgroupText) {
    Dirs d = byCgroupText.get(cgroupText);
    if (d == null) {
      try {
        List<CgroupEntry> entries = ProcCgroupParser.parse(cgroupText).entries();
        d =
            new Dirs(
                dir(cpuMount, "cpuacct", entries),
                dir(memoryMount, "memory", entries),
                dir(cfsMount, "cpu", entries),
                dir(unifiedMount, "", entries));
      } catch (ProcParseException e) {
        d = NONE;
      }
      if (byCgroupText.size() >= CACHE_LIMIT) {
        byCgroupText.clear();
      }
      byCgroupText.put(cgroupText, d);
    }
    return d;
  }

  private static Dir dir(CgroupMount mount, String controller, List<CgroupEntry> entries) {
    if (mount == null) {
      return null;
    }
    for (CgroupEntry e : entries) {
      boolean match = mount.v2() ? e.unified() : e.controllers().contains(controller);
      if (!match) {
        continue;
      }
      String root = mount.root().equals("/") ? "" : mount.root();
      if (!e.path().startsWith(root + "/")) {
        return null; // outside the part of the hierarchy mounted here
      }
      String rel = e.path().substring(root.length());
      if (rel.equals("/") || rel.isEmpty()) {
        return null; // the mount's root: everything on the host, not a container
      }
      return new Dir(mount.mountPoint() + rel, mount.mountPoint(), !mount.v2());
    }
    return null;
  }

  /** CPU time used by the cgroup and its descendants so far, in ns. */
  OptionalLong cpuNanos(Dir d) {
    try {
      if (d.v1()) {
        return fs.cgroupFile(d.path(), "cpuacct.usage")
            .map(t -> OptionalLong.of(CgroupFileParser.single("cpuacct.usage", t)))
            .orElse(OptionalLong.empty());
      }
      Optional<String> stat = fs.cgroupFile(d.path(), "cpu.stat");
      if (stat.isEmpty()) {
        return OptionalLong.empty();
      }
      OptionalLong usec = CgroupFileParser.keyed("cpu.stat", stat.get(), "usage_usec");
      return usec.isPresent() ? OptionalLong.of(usec.getAsLong() * 1000) : usec;
    } catch (ProcParseException e) {
      return OptionalLong.empty();
    }
  }

  /** Current memory and high-water mark in bytes; −1 for what cannot be read. */
  long[] memory(Dir d) {
    String current = d.v1() ? "memory.usage_in_bytes" : "memory.current";
    String peak = d.v1() ? "memory.max_usage_in_bytes" : "memory.peak";
    return new long[] {number(d, current), number(d, peak)};
  }

  private long number(Dir d, String file) {
    try {
      return fs.cgroupFile(d.path(), file).map(t -> CgroupFileParser.single(file, t)).orElse(-1L);
    } catch (ProcParseException e) {
      return -1;
    }
  }

  /**
   * The memory event counters: v2 {@code memory.events}; v1 {@code memory.oom_control} and {@code
   * memory.failcnt}. {@link MemoryEvents#NONE} when none is readable.
   */
  MemoryEvents memoryEvents(Dir d) {
    if (!d.v1()) {
      return parsed(d, "memory.events", MemoryEventsParser::parse).orElse(MemoryEvents.NONE);
    }
    MemoryEvents e =
        parsed(d, "memory.oom_control", OomControlParser::parse).orElse(MemoryEvents.NONE);
    return e.withFailcnt(parsed(d, "memory.failcnt", MemoryFailcntParser::parse).orElse(null));
  }

  /** The CFS bandwidth counters of {@code cpu.stat}; all null when not readable. */
  CpuStat cpuStat(Dir d) {
    return parsed(d, "cpu.stat", CpuStatParser::parse).orElse(NO_CPU_STAT);
  }

  /** One v2 pressure file ({@code cpu.pressure}, …); empty when not readable. */
  Optional<PressureFile> pressure(Dir d, String resource) {
    return parsed(d, resource + ".pressure", PressureParser::parse);
  }

  /** The CPU limit in cores: v2 {@code cpu.max}, v1 {@code cpu.cfs_quota_us}/{@code _period_us}. */
  Optional<Double> cpuLimitCores(Dir d) {
    if (!d.v1()) {
      return parsed(d, "cpu.max", CpuMaxParser::parse).flatMap(CgroupCounters::boxed);
    }
    Optional<String> quota = fs.cgroupFile(d.path(), "cpu.cfs_quota_us");
    Optional<String> period = fs.cgroupFile(d.path(), "cpu.cfs_period_us");
    if (quota.isEmpty() || period.isEmpty()) {
      return Optional.empty();
    }
    try {
      return boxed(CfsQuotaParser.parse(quota.get(), period.get()));
    } catch (ProcParseException e) {
      return Optional.empty();
    }
  }

  /** The memory limit in bytes: v2 {@code memory.max}, v1 {@code memory.limit_in_bytes}. */
  Optional<Long> memoryLimitBytes(Dir d) {
    return d.v1()
        ? parsed(d, "memory.limit_in_bytes", MemoryLimitInBytesParser::parse)
            .flatMap(CgroupCounters::boxed)
        : parsed(d, "memory.max", MemoryMaxParser::parse).flatMap(CgroupCounters::boxed);
  }

  /** v2's throttling threshold {@code memory.high}; v1 has none. */
  Optional<Long> memoryHighBytes(Dir d) {
    return d.v1()
        ? Optional.empty()
        : parsed(d, "memory.high", MemoryMaxParser::parse).flatMap(CgroupCounters::boxed);
  }

  private static final CpuStat NO_CPU_STAT = new CpuStat(null, null, null);

  private static Optional<Double> boxed(OptionalDouble v) {
    return v.isPresent() ? Optional.of(v.getAsDouble()) : Optional.empty();
  }

  private static Optional<Long> boxed(OptionalLong v) {
    return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
  }

  /** A file parsed; empty when missing, unreadable or not in the shape the kernel writes. */
  private <T> Optional<T> parsed(Dir d, String file, Function<String, T> parser) {
    try {
      return fs.cgroupFile(d.path(), file).map(parser);
    } catch (ProcParseException | ArithmeticException e) {
      return Optional.empty();
    }
  }
}
