package dev.runnermetrics.collector.procfs;

import java.util.List;

/** The cgroup membership of one process, one entry per hierarchy. */
public record ProcCgroup(List<CgroupEntry> entries) {
  public ProcCgroup {
    entries = List.copyOf(entries);
  }

  /**
   * The path that identifies the process's container.
   *
   * <p>On pure cgroup v2 that is the {@code 0::} line. When v1 controllers are mounted (v1 or
   * hybrid), the {@code memory} controller's path wins, then {@code cpu}/{@code cpuacct}: in hybrid
   * mode the unified line usually carries no controllers and container runtimes place processes by
   * the v1 controllers. No usable line (kernel threads on some kernels): {@code /}.
   */
  public String containerPath() {
    String cpu = null;
    String unified = null;
    for (CgroupEntry e : entries) {
      if (e.controllers().contains("memory")) {
        return e.path();
      }
      if (cpu == null && (e.controllers().contains("cpu") || e.controllers().contains("cpuacct"))) {
        cpu = e.path();
      }
      if (e.unified()) {
        unified = e.path();
      }
    }
    if (cpu != null) {
      return cpu;
    }
    return unified != null ? unified : "/";
  }
}
