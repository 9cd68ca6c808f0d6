package dev.runnermetrics.collector.sampling;

/** One container in one tick: the sums over its processes. */
public record ContainerSample(String name, double cpuCores, long memoryBytes) {}
