/**
 * Which container a process belongs to ({@code CGROUP_PROCESS_MAP}, cgroup paths) and the limits of
 * each container ({@code CGROUP_LIMITS}).
 */
package dev.runnermetrics.collector.grouping;
