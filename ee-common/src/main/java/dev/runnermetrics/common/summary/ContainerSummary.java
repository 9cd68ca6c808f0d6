package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * One container's usage over the run: CPU in cores (2.0 = two full cores), memory in bytes, and its
 * limits when known (null, and absent from JSON, otherwise).
 *
 * <p>Added after the seed (null and absent when unknown, e.g. from older collectors): {@code
 * cpu_seconds}, the CPU time used over the run; {@code cpu_source}, where the CPU figures came from
 * ({@code cgroup}: the kernel's counter of the container's cgroup, {@code proc}: the sum over its
 * processes in /proc); {@code cgroup_memory_bytes}, the cgroup's own memory figure per tick (page
 * cache included, unlike the RSS sum in {@code memory_bytes}); {@code cgroup_memory_peak_bytes},
 * the kernel's high-water mark of the cgroup.
 *
 * <p>From the cgroup's own files (see docs/collector.md for the file behind each): {@code
 * cpu_limit_source} and {@code memory_limit_source} say where each limit came from ({@code
 * cgroup_limits}: the {@code CGROUP_LIMITS} setting, which wins; {@code cgroup}: the kernel's
 * {@code cpu.max}/{@code memory.max} or v1 equivalents); "no limit" is an absent limit, never a
 * number. {@code memory_high_bytes} is v2's throttling threshold. {@code oom_kills} counts the OOM
 * kills in the cgroup during the run (null where no counter is readable), {@code memory_events} the
 * rise of each memory event counter, {@code oom_killed_processes} the processes that vanished while
 * the OOM count rose. {@code memory_near_limit} is true when the memory peak came within 5 % of the
 * memory limit. {@code cpu_periods}, {@code cpu_throttled_periods} and {@code
 * cpu_throttled_seconds} are the rise of the cgroup's CFS counters ({@code cpu.stat}), and {@code
 * cpu_throttled_ratio} the share of periods throttled (0–1). {@code pressure} is the cgroup's PSI
 * over the run and {@code timeline} its usage over time.
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
  "cgroupMemoryPeakBytes",
  "cpuLimitSource",
  "memoryLimitSource",
  "memoryHighBytes",
  "memoryNearLimit",
  "oomKills",
  "memoryEvents",
  "oomKilledProcesses",
  "cpuPeriods",
  "cpuThrottledPeriods",
  "cpuThrottledSeconds",
  "cpuThrottledRatio",
  "pressure",
  "timeline"
})
public record ContainerSummary(
    @NotNull @Size(min = 1, max = 255) @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS) String name,
    @JsonbProperty("cpu_cores") @NotNull @Valid Stats cpuCores,
    @JsonbProperty("memory_bytes") @NotNull @Valid Stats memoryBytes,
    @JsonbProperty("cpu_limit_cores") @NonNegativeFinite Double cpuLimitCores,
    @JsonbProperty("memory_limit_bytes")
        @JsonbTypeDeserializer(StrictInteger.class)
        @NonNegativeFinite
        Long memoryLimitBytes,
    @JsonbProperty("cpu_seconds") @NonNegativeFinite Double cpuSeconds,
    @JsonbProperty("cpu_source")
        @Pattern(regexp = "cgroup|proc", message = "must be cgroup or proc")
        String cpuSource,
    @JsonbProperty("cgroup_memory_bytes") @Valid Stats cgroupMemoryBytes,
    @JsonbProperty("cgroup_memory_peak_bytes")
        @JsonbTypeDeserializer(StrictInteger.class)
        @NonNegativeFinite
        Long cgroupMemoryPeakBytes,
    @JsonbProperty("cpu_limit_source")
        @Pattern(regexp = LIMIT_SOURCES, message = LIMIT_SOURCES_MESSAGE)
        String cpuLimitSource,
    @JsonbProperty("memory_limit_source")
        @Pattern(regexp = LIMIT_SOURCES, message = LIMIT_SOURCES_MESSAGE)
        String memoryLimitSource,
    @JsonbProperty("memory_high_bytes")
        @JsonbTypeDeserializer(StrictInteger.class)
        @NonNegativeFinite
        Long memoryHighBytes,
    @JsonbProperty("memory_near_limit") Boolean memoryNearLimit,
    @JsonbProperty("oom_kills") @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero
        Long oomKills,
    @JsonbProperty("memory_events") @Valid MemoryEvents memoryEvents,
    @JsonbProperty("oom_killed_processes") @Size(max = Limits.MAX_OOM_VICTIMS)
        List<@NotNull @Valid ProcessRef> oomKilledProcesses,
    @JsonbProperty("cpu_periods") @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero
        Long cpuPeriods,
    @JsonbProperty("cpu_throttled_periods")
        @JsonbTypeDeserializer(StrictInteger.class)
        @PositiveOrZero
        Long cpuThrottledPeriods,
    @JsonbProperty("cpu_throttled_seconds") @NonNegativeFinite Double cpuThrottledSeconds,
    @JsonbProperty("cpu_throttled_ratio") @NonNegativeFinite @DecimalMax("1")
        Double cpuThrottledRatio,
    @Valid Pressure pressure,
    @Valid Timeline timeline) {

  /** Values of {@code cpu_limit_source} and {@code memory_limit_source}. */
  public static final String LIMIT_SOURCES = "cgroup_limits|cgroup";

  private static final String LIMIT_SOURCES_MESSAGE = "must be cgroup_limits or cgroup";

  /** Rounds the CPU figures to six decimal places ({@link Decimals}); JSON-B binds through it. */
  @JsonbCreator
  public ContainerSummary {
    cpuSeconds = Decimals.round(cpuSeconds);
    cpuThrottledSeconds = Decimals.round(cpuThrottledSeconds);
    cpuThrottledRatio = Decimals.round(cpuThrottledRatio);
    oomKilledProcesses = oomKilledProcesses == null ? null : List.copyOf(oomKilledProcesses);
  }

  /** A container with the figures of collectors before the cgroup counters (the rest null). */
  public ContainerSummary(
      String name,
      Stats cpuCores,
      Stats memoryBytes,
      Double cpuLimitCores,
      Long memoryLimitBytes,
      Double cpuSeconds,
      String cpuSource,
      Stats cgroupMemoryBytes,
      Long cgroupMemoryPeakBytes) {
    this(
        name,
        cpuCores,
        memoryBytes,
        cpuLimitCores,
        memoryLimitBytes,
        cpuSeconds,
        cpuSource,
        cgroupMemoryBytes,
        cgroupMemoryPeakBytes,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
