package dev.runnermetrics.collector.procfs;

import java.util.List;

/**
 * One line of {@code /proc/[pid]/cgroup}: {@code hierarchy-ID:controller-list:cgroup-path}.
 *
 * @param controllers empty for the cgroup v2 line {@code 0::/path}; named hierarchies appear as
 *     {@code name=systemd}
 */
public record CgroupEntry(int hierarchyId, List<String> controllers, String path) {
  public CgroupEntry {
    controllers = List.copyOf(controllers);
  }

  public boolean unified() {
    return hierarchyId == 0 && controllers.isEmpty();
  }
}
