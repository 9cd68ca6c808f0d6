package dev.runnermetrics.receiver.runs.entity;

import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.Pressure;
import dev.runnermetrics.common.summary.PressureStall;
import dev.runnermetrics.common.summary.Stats;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.util.function.Function;

/**
 * One container of one stored run, with the figures that questions across runs need as columns
 * (percentiles of CPU cores and memory bytes, limits and their sources, CPU time, OOM kills,
 * throttling, pressure), so that nobody has to parse payloads to ask them. A figure the collector
 * did not send is null.
 */
@Entity(name = "ContainerUsage")
@Table(name = "container_usage")
@NamedQuery(
    name = ContainerUsage.OF_RUNS,
    query =
        "SELECT c FROM ContainerUsage c JOIN FETCH c.run WHERE c.run.id IN :runIds"
            + " ORDER BY c.run.id DESC, c.id")
public class ContainerUsage {

  /** The container rows of the runs whose ids are given, newest run first. */
  public static final String OF_RUNS = "ContainerUsage.ofRuns";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "stored_run_id", nullable = false)
  private Run run;

  @Column(nullable = false)
  private String name;

  @Column(name = "cpu_cores_peak")
  private Double cpuCoresPeak;

  @Column(name = "cpu_cores_avg")
  private Double cpuCoresAvg;

  @Column(name = "cpu_cores_p50")
  private Double cpuCoresP50;

  @Column(name = "cpu_cores_p75")
  private Double cpuCoresP75;

  @Column(name = "cpu_cores_p95")
  private Double cpuCoresP95;

  @Column(name = "cpu_cores_p99")
  private Double cpuCoresP99;

  @Column(name = "memory_bytes_peak")
  private Double memoryBytesPeak;

  @Column(name = "memory_bytes_avg")
  private Double memoryBytesAvg;

  @Column(name = "memory_bytes_p50")
  private Double memoryBytesP50;

  @Column(name = "memory_bytes_p75")
  private Double memoryBytesP75;

  @Column(name = "memory_bytes_p95")
  private Double memoryBytesP95;

  @Column(name = "memory_bytes_p99")
  private Double memoryBytesP99;

  @Column(name = "cpu_limit_cores")
  private Double cpuLimitCores;

  @Column(name = "cpu_limit_source")
  private String cpuLimitSource;

  @Column(name = "memory_limit_bytes")
  private Long memoryLimitBytes;

  @Column(name = "memory_limit_source")
  private String memoryLimitSource;

  @Column(name = "memory_high_bytes")
  private Long memoryHighBytes;

  @Column(name = "cpu_seconds")
  private Double cpuSeconds;

  @Column(name = "cpu_source")
  private String cpuSource;

  @Column(name = "cgroup_memory_peak_bytes")
  private Long cgroupMemoryPeakBytes;

  @Column(name = "oom_kills")
  private Long oomKills;

  @Column(name = "memory_near_limit")
  private Boolean memoryNearLimit;

  @Column(name = "cpu_periods")
  private Long cpuPeriods;

  @Column(name = "cpu_throttled_periods")
  private Long cpuThrottledPeriods;

  @Column(name = "cpu_throttled_seconds")
  private Double cpuThrottledSeconds;

  @Column(name = "cpu_throttled_ratio")
  private Double cpuThrottledRatio;

  @Column(name = "cpu_pressure_some_seconds")
  private Double cpuPressureSomeSeconds;

  @Column(name = "cpu_pressure_full_seconds")
  private Double cpuPressureFullSeconds;

  @Column(name = "memory_pressure_some_seconds")
  private Double memoryPressureSomeSeconds;

  @Column(name = "memory_pressure_full_seconds")
  private Double memoryPressureFullSeconds;

  @Column(name = "io_pressure_some_seconds")
  private Double ioPressureSomeSeconds;

  @Column(name = "io_pressure_full_seconds")
  private Double ioPressureFullSeconds;

  /** For JPA. */
  protected ContainerUsage() {}

  /** The row of one container of a pushed summary. */
  public static ContainerUsage of(ContainerSummary c) {
    ContainerUsage row = new ContainerUsage();
    row.name = c.name();
    Stats cpu = c.cpuCores();
    row.cpuCoresPeak = cpu.peak();
    row.cpuCoresAvg = cpu.avg();
    row.cpuCoresP50 = cpu.p50();
    row.cpuCoresP75 = cpu.p75();
    row.cpuCoresP95 = cpu.p95();
    row.cpuCoresP99 = cpu.p99();
    Stats memory = c.memoryBytes();
    row.memoryBytesPeak = memory.peak();
    row.memoryBytesAvg = memory.avg();
    row.memoryBytesP50 = memory.p50();
    row.memoryBytesP75 = memory.p75();
    row.memoryBytesP95 = memory.p95();
    row.memoryBytesP99 = memory.p99();
    row.cpuLimitCores = c.cpuLimitCores();
    row.cpuLimitSource = c.cpuLimitSource();
    row.memoryLimitBytes = c.memoryLimitBytes();
    row.memoryLimitSource = c.memoryLimitSource();
    row.memoryHighBytes = c.memoryHighBytes();
    row.cpuSeconds = c.cpuSeconds();
    row.cpuSource = c.cpuSource();
    row.cgroupMemoryPeakBytes = c.cgroupMemoryPeakBytes();
    row.oomKills = c.oomKills();
    row.memoryNearLimit = c.memoryNearLimit();
    row.cpuPeriods = c.cpuPeriods();
    row.cpuThrottledPeriods = c.cpuThrottledPeriods();
    row.cpuThrottledSeconds = c.cpuThrottledSeconds();
    row.cpuThrottledRatio = c.cpuThrottledRatio();
    Pressure pressure = c.pressure();
    row.cpuPressureSomeSeconds = stall(pressure, Pressure::cpu, PressureStall::someSeconds);
    row.cpuPressureFullSeconds = stall(pressure, Pressure::cpu, PressureStall::fullSeconds);
    row.memoryPressureSomeSeconds = stall(pressure, Pressure::memory, PressureStall::someSeconds);
    row.memoryPressureFullSeconds = stall(pressure, Pressure::memory, PressureStall::fullSeconds);
    row.ioPressureSomeSeconds = stall(pressure, Pressure::io, PressureStall::someSeconds);
    row.ioPressureFullSeconds = stall(pressure, Pressure::io, PressureStall::fullSeconds);
    return row;
  }

  private static Double stall(
      Pressure pressure,
      Function<Pressure, PressureStall> resource,
      Function<PressureStall, Double> figure) {
    if (pressure == null) {
      return null;
    }
    PressureStall stall = resource.apply(pressure);
    return stall == null ? null : figure.apply(stall);
  }

  void belongTo(Run owner) {
    this.run = owner;
  }

  public long getId() {
    return id;
  }

  /** The run this row belongs to (its id, scope, run id and arrival time). */
  public Run getRun() {
    return run;
  }

  public String getName() {
    return name;
  }

  public Double getCpuCoresPeak() {
    return cpuCoresPeak;
  }

  public Double getCpuCoresAvg() {
    return cpuCoresAvg;
  }

  public Double getCpuCoresP50() {
    return cpuCoresP50;
  }

  public Double getCpuCoresP75() {
    return cpuCoresP75;
  }

  public Double getCpuCoresP95() {
    return cpuCoresP95;
  }

  public Double getCpuCoresP99() {
    return cpuCoresP99;
  }

  public Double getMemoryBytesPeak() {
    return memoryBytesPeak;
  }

  public Double getMemoryBytesAvg() {
    return memoryBytesAvg;
  }

  public Double getMemoryBytesP50() {
    return memoryBytesP50;
  }

  public Double getMemoryBytesP75() {
    return memoryBytesP75;
  }

  public Double getMemoryBytesP95() {
    return memoryBytesP95;
  }

  public Double getMemoryBytesP99() {
    return memoryBytesP99;
  }

  public Double getCpuLimitCores() {
    return cpuLimitCores;
  }

  public String getCpuLimitSource() {
    return cpuLimitSource;
  }

  public Long getMemoryLimitBytes() {
    return memoryLimitBytes;
  }

  public String getMemoryLimitSource() {
    return memoryLimitSource;
  }

  public Long getMemoryHighBytes() {
    return memoryHighBytes;
  }

  public Double getCpuSeconds() {
    return cpuSeconds;
  }

  public String getCpuSource() {
    return cpuSource;
  }

  public Long getCgroupMemoryPeakBytes() {
    return cgroupMemoryPeakBytes;
  }

  public Long getOomKills() {
    return oomKills;
  }

  public Boolean getMemoryNearLimit() {
    return memoryNearLimit;
  }

  public Long getCpuPeriods() {
    return cpuPeriods;
  }

  public Long getCpuThrottledPeriods() {
    return cpuThrottledPeriods;
  }

  public Double getCpuThrottledSeconds() {
    return cpuThrottledSeconds;
  }

  public Double getCpuThrottledRatio() {
    return cpuThrottledRatio;
  }

  public Double getCpuPressureSomeSeconds() {
    return cpuPressureSomeSeconds;
  }

  public Double getCpuPressureFullSeconds() {
    return cpuPressureFullSeconds;
  }

  public Double getMemoryPressureSomeSeconds() {
    return memoryPressureSomeSeconds;
  }

  public Double getMemoryPressureFullSeconds() {
    return memoryPressureFullSeconds;
  }

  public Double getIoPressureSomeSeconds() {
    return ioPressureSomeSeconds;
  }

  public Double getIoPressureFullSeconds() {
    return ioPressureFullSeconds;
  }
}
