package dev.runnermetrics.collector.procfs;

/**
 * One line of a PSI file: the share of wall time stalled over the last 10 s, in percent, and the
 * total stall time since the cgroup (or boot) began, in µs.
 */
public record PressureLine(double avg10Percent, long totalMicros) {}
