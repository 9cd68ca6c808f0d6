package dev.runnermetrics.collector.sampling;

/** What the sampler keeps of one live process between ticks, mutated in place. */
final class LiveProcess {
  long startTimeTicks;
  long cpuTicks;
  long childTicks;
  long readNanos;
  int ppid;
  String comm;
  String name;
  String path;

  /** The cgroup text {@link #path} was resolved from. */
  String pathText;

  String cgroupText;
  long seen;
  boolean continuing;
  // exited-children ledger of this tick
  long credit;
  long carry;
  String childContainer;
}
