package dev.runnermetrics.collector.procfs;

/**
 * The memory event counters of a cgroup since it was created; a counter this kernel does not write
 * is null (v1 has only {@code oom_kill} and {@code failcnt}, kernels before 4.13 lack {@code
 * oom_kill}, before 5.13 {@code oom_group_kill}).
 */
public record MemoryEvents(
    Long high, Long max, Long oom, Long oomKill, Long oomGroupKill, Long failcnt) {
  /** No counter known. */
  public static final MemoryEvents NONE = new MemoryEvents(null, null, null, null, null, null);

  /** These counters with {@code failcnt} set (v1 keeps it in its own file). */
  public MemoryEvents withFailcnt(Long value) {
    return new MemoryEvents(high, max, oom, oomKill, oomGroupKill, value);
  }
}
