package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * One container's usage over the run: CPU in cores (2.0 = two full cores), memory in bytes, and its
 * limits when {@code CGROUP_LIMITS} names them (null, and absent from JSON, otherwise).
 */
@JsonbPropertyOrder({"name", "cpuCores", "memoryBytes", "cpuLimitCores", "memoryLimitBytes"})
public record ContainerSummary(
    @NotNull @Size(min = 1, max = 255) @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS) String name,
    @JsonbProperty("cpu_cores") @NotNull @Valid Stats cpuCores,
    @JsonbProperty("memory_bytes") @NotNull @Valid Stats memoryBytes,
    @JsonbProperty("cpu_limit_cores") @NonNegativeFinite Double cpuLimitCores,
    @JsonbProperty("memory_limit_bytes") @NonNegativeFinite Long memoryLimitBytes) {}
