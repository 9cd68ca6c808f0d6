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
 *
 * <p>Added after the seed (null and absent when unknown, e.g. from older collectors): {@code
 * cpu_seconds}, the CPU time used over the run; {@code cpu_source}, where the CPU figures came from
 * ({@code cgroup}: the kernel's counter of the container's cgroup, {@code proc}: the sum over its
 * processes in /proc); {@code cgroup_memory_bytes}, the cgroup's own memory figure per tick (page
 * cache included, unlike the RSS sum in {@code memory_bytes}); {@code cgroup_memory_peak_bytes},
 * the kernel's high-water mark of the cgroup.
 */
@JsonbPropertyOrder({
  "name",
  "cpuCores",
  "memoryBytes",
  "cpuLimitCores",
  "memoryLimitBytes",
  "cpuSeconds",
  "cpuSource",
  "cgroupMemoryBytes",
  "cgroupMemoryPeakBytes"
})
public record ContainerSummary(
    @NotNull @Size(min = 1, max = 255) @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS) String name,
    @JsonbProperty("cpu_cores") @NotNull @Valid Stats cpuCores,
    @JsonbProperty("memory_bytes") @NotNull @Valid Stats memoryBytes,
    @JsonbProperty("cpu_limit_cores") @NonNegativeFinite Double cpuLimitCores,
    @JsonbProperty("memory_limit_bytes") @NonNegativeFinite Long memoryLimitBytes,
    @JsonbProperty("cpu_seconds") @NonNegativeFinite Double cpuSeconds,
    @JsonbProperty("cpu_source")
        @Pattern(regexp = "cgroup|proc", message = "must be cgroup or proc")
        String cpuSource,
    @JsonbProperty("cgroup_memory_bytes") @Valid Stats cgroupMemoryBytes,
    @JsonbProperty("cgroup_memory_peak_bytes") @NonNegativeFinite Long cgroupMemoryPeakBytes) {

  /** Rounds the CPU seconds to six decimal places ({@link Decimals}). */
  public ContainerSummary {
    cpuSeconds = Decimals.round(cpuSeconds);
  }
}
