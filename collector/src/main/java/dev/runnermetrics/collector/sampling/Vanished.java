package dev.runnermetrics.collector.sampling;

/**
 * A process seen at the previous tick and gone now, as last read: its total CPU (own and reaped
 * children's) and its container.
 */
record Vanished(int pid, String name, int ppid, long totalTicks, String container) {}
