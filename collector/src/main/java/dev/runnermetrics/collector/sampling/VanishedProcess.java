package dev.runnermetrics.collector.sampling;

/** A process seen at the previous tick and gone at this one, with the container it was in. */
public record VanishedProcess(int pid, String name, String container) {}
