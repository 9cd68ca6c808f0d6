package dev.runnermetrics.receiver.sizing.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/**
 * The limits the container ran with in its newest run, and where each came from ({@code
 * cgroup_limits} or {@code cgroup}); null and absent when it had none or they are unknown.
 */
@JsonbPropertyOrder({"cpuLimitCores", "cpuLimitSource", "memoryLimitBytes", "memoryLimitSource"})
public record CurrentLimits(
    @JsonbProperty("cpu_limit_cores") Double cpuLimitCores,
    @JsonbProperty("cpu_limit_source") String cpuLimitSource,
    @JsonbProperty("memory_limit_bytes") Long memoryLimitBytes,
    @JsonbProperty("memory_limit_source") String memoryLimitSource) {}
