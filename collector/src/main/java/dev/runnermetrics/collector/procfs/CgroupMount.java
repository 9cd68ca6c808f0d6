package dev.runnermetrics.collector.procfs;

import java.util.List;

/**
 * One mounted cgroup hierarchy, from {@code /proc/self/mountinfo}.
 *
 * @param v2 the unified (cgroup2) hierarchy; otherwise a v1 hierarchy with {@code controllers}
 * @param root the cgroup that is the mount's root (not {@code /} inside a container, where only a
 *     subtree is mounted), as cgroup paths in {@code /proc/[pid]/cgroup} are written
 * @param mountPoint where it is mounted, e.g. {@code /sys/fs/cgroup/cpuacct}
 */
public record CgroupMount(boolean v2, List<String> controllers, String root, String mountPoint) {
  public CgroupMount {
    controllers = List.copyOf(controllers);
  }
}
