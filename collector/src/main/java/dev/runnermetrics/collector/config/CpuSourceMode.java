package dev.runnermetrics.collector.config;

/** Where a container's CPU figure comes from. */
public enum CpuSourceMode {
  /** The kernel's counter of the container's cgroup when it is readable, else the /proc sum. */
  AUTO,
  /** Always the sum over the container's processes in /proc. */
  PROC
}
