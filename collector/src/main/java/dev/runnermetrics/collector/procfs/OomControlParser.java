package dev.runnermetrics.collector.procfs;

import java.util.Map;

/**
 * Parses cgroup v1 {@code memory.oom_control} (Documentation/admin-guide/cgroup-v1/memory.rst,
 * section 10): {@code oom_kill} counts the processes the OOM killer killed in the cgroup (kernel
 * 4.13 and later; null before).
 *
 * <pre>oom_kill_disable 0
 * under_oom 0
 * oom_kill 1</pre>
 */
public final class OomControlParser {
  static final String FILE = "memory.oom_control";

  private OomControlParser() {}

  /** The counters of the file as memory events (only {@code oom_kill} is set). */
  public static MemoryEvents parse(String text) {
    Map<String, Long> v = FlatKeyed.parse(FILE, text);
    if (!v.containsKey("under_oom")) {
      throw new ProcParseException(FILE, "no under_oom line");
    }
    return new MemoryEvents(null, null, null, v.get("oom_kill"), null, null);
  }
}
