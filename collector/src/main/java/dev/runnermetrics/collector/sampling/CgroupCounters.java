package dev.runnermetrics.collector.sampling;

import dev.runnermetrics.collector.procfs.CgroupEntry;
import dev.runnermetrics.collector.procfs.CgroupFileParser;
import dev.runnermetrics.collector.procfs.CgroupMount;
import dev.runnermetrics.collector.procfs.ProcCgroupParser;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.procfs.ProcParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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

  /** The counter directories of one process; null where none is visible. */
  record Dirs(Dir cpu, Dir memory) {}

  private static final int CACHE_LIMIT = 4096;
  private static final Dirs NONE = new Dirs(null, null);

  private final ProcFs fs;
  private final CgroupMount cpuMount;
  private final CgroupMount memoryMount;
  private final Map<String, Dirs> byCgroupText = new HashMap<>();

  CgroupCounters(ProcFs fs, List<CgroupMount> mounts) {
    this.fs = fs;
    this.cpuMount = pick(mounts, "cpuacct");
    this.memoryMount = pick(mounts, "memory");
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
        d = new Dirs(dir(cpuMount, "cpuacct", entries), dir(memoryMount, "memory", entries));
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
}
