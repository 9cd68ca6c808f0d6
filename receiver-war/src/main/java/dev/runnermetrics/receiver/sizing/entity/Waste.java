package dev.runnermetrics.receiver.sizing.entity;

/** Reserved minus used over the window; a resource no run had a limit for is null and absent. */
public record Waste(CpuWaste cpu, MemoryWaste memory) {}
