package dev.runnermetrics.collector.sampling;

/**
 * One process in one tick.
 *
 * @param cpuCores CPU used since the previous tick divided by the elapsed time (1.0 = one core)
 * @param rateKnown false when the process was first seen but did not start after the previous tick
 *     (its earlier CPU cannot be split off), so {@code cpuCores} is 0 and says nothing
 */
public record ProcessSample(
    int pid,
    long startTimeTicks,
    String name,
    String container,
    double cpuCores,
    boolean rateKnown,
    long rssBytes) {}
