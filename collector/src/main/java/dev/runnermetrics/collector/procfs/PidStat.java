package dev.runnermetrics.collector.procfs;

/**
 * The fields of {@code /proc/[pid]/stat} the collector uses; times are in clock ticks.
 *
 * @param comm the command name as the kernel keeps it (at most 15 bytes, may contain anything)
 * @param state one letter, {@code R S D Z T t X I …}
 * @param cutimeTicks CPU of waited-for children (kept for child-process accounting)
 * @param startTimeTicks start time after boot; with {@code pid} it identifies a process
 */
public record PidStat(
    int pid,
    String comm,
    char state,
    int ppid,
    long utimeTicks,
    long stimeTicks,
    long cutimeTicks,
    long cstimeTicks,
    long startTimeTicks,
    long rssPages) {

  /** User plus system time of the process itself. */
  public long cpuTicks() {
    return utimeTicks + stimeTicks;
  }

  public boolean zombie() {
    return state == 'Z' || state == 'X';
  }
}
