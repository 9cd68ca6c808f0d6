package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbCreator;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * What one collector measured over one run: system-wide CPU percent (0–100) and memory bytes,
 * per-container cores and bytes, and the top processes by CPU and by memory. Added after the seed
 * (null and absent from older collectors): {@code system_timeline}, the system's CPU cores and
 * memory over the run, and {@code system_pressure}, the host's PSI ({@code /proc/pressure/*}).
 */
@JsonbPropertyOrder({
  "startTime",
  "endTime",
  "durationSeconds",
  "sampleCount",
  "cpuTotalPercent",
  "memUsedBytes",
  "containers",
  "topCpuProcesses",
  "topMemProcesses",
  "systemTimeline",
  "systemPressure"
})
public record RunSummary(
    @JsonbProperty("start_time") @JsonbTypeAdapter(InstantMillis.class) @NotNull Instant startTime,
    @JsonbProperty("end_time") @JsonbTypeAdapter(InstantMillis.class) @NotNull Instant endTime,
    @JsonbProperty("duration_seconds") @NonNegativeFinite double durationSeconds,
    @JsonbProperty("sample_count") @JsonbTypeDeserializer(StrictInteger.class) @PositiveOrZero
        long sampleCount,
    @JsonbProperty("cpu_total_percent") @NotNull @Valid Stats cpuTotalPercent,
    @JsonbProperty("mem_used_bytes") @NotNull @Valid Stats memUsedBytes,
    @NotNull @Size(max = Limits.MAX_CONTAINERS) List<@NotNull @Valid ContainerSummary> containers,
    @JsonbProperty("top_cpu_processes") @NotNull @Size(max = Limits.MAX_TOP_PROCESSES)
        List<@NotNull @Valid ProcessSummary> topCpuProcesses,
    @JsonbProperty("top_mem_processes") @NotNull @Size(max = Limits.MAX_TOP_PROCESSES)
        List<@NotNull @Valid ProcessSummary> topMemProcesses,
    @JsonbProperty("system_timeline") @Valid Timeline systemTimeline,
    @JsonbProperty("system_pressure") @Valid Pressure systemPressure) {

  /** The constructor JSON-B binds through. */
  @JsonbCreator
  public RunSummary {}

  /** A summary with the figures of collectors before timelines and pressure (those null). */
  public RunSummary(
      Instant startTime,
      Instant endTime,
      double durationSeconds,
      long sampleCount,
      Stats cpuTotalPercent,
      Stats memUsedBytes,
      List<ContainerSummary> containers,
      List<ProcessSummary> topCpuProcesses,
      List<ProcessSummary> topMemProcesses) {
    this(
        startTime,
        endTime,
        durationSeconds,
        sampleCount,
        cpuTotalPercent,
        memUsedBytes,
        containers,
        topCpuProcesses,
        topMemProcesses,
        null,
        null);
  }
}
