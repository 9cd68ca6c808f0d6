package dev.runnermetrics.collector.procfs;

/**
 * The fields of {@code /proc/[pid]/status} the collector uses.
 *
 * @param rssBytes resident set size; 0 for kernel threads and zombies, which have no VmRSS line
 */
public record PidStatus(long rssBytes) {}
