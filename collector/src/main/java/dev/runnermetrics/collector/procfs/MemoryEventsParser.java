package dev.runnermetrics.collector.procfs;

import java.util.Map;

/**
 * Parses cgroup v2 {@code memory.events} (Documentation/admin-guide/cgroup-v2.rst): flat keyed
 * counters such as {@code oom_kill 1}, covering the cgroup and its descendants.
 *
 * <pre>low 0
 * high 12
 * max 40
 * oom 1
 * oom_kill 1
 * oom_group_kill 0</pre>
 */
public final class MemoryEventsParser {
  static final String FILE = "memory.events";

  private MemoryEventsParser() {}

  public static MemoryEvents parse(String text) {
    Map<String, Long> v = FlatKeyed.parse(FILE, text);
    return new MemoryEvents(
        v.get("high"),
        v.get("max"),
        v.get("oom"),
        v.get("oom_kill"),
        v.get("oom_group_kill"),
        null);
  }
}
