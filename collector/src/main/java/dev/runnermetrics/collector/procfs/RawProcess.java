package dev.runnermetrics.collector.procfs;

/**
 * What one tick reads for one process.
 *
 * @param cgroupText the raw {@code cgroup} file, left unparsed so callers can cache by it (it
 *     rarely changes and parsing it every tick for every process would be waste)
 */
public record RawProcess(PidStat stat, long rssBytes, String cgroupText) {}
