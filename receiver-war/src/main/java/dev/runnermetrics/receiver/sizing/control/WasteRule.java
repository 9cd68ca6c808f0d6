package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.common.summary.Decimals;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.CpuWaste;
import dev.runnermetrics.receiver.sizing.entity.MemoryWaste;
import dev.runnermetrics.receiver.sizing.entity.Waste;
import java.util.List;

/**
 * Reserved minus used over the complete runs of the window that had a limit: CPU in core-hours
 * (limit × hours − average cores × hours), memory in GiB-hours. A limit stands for the reservation
 * because the collector sees limits, not requests (Kubernetes sets a missing request to the limit).
 * What the advice saves: the same reservation minus the advised CPU request and memory limit over
 * the same hours.
 */
final class WasteRule {

  private static final double GIB = 1024.0 * 1024 * 1024;

  private WasteRule() {}

  static Waste of(List<ContainerRun> all, Double advisedCpu, Long advisedMemory) {
    int cpuRuns = 0;
    double cpuHours = 0;
    double cpuReserved = 0;
    double cpuUsed = 0;
    int memRuns = 0;
    double memHours = 0;
    double memReserved = 0;
    double memUsed = 0;
    for (ContainerRun run : all) {
      if (!run.complete()) {
        continue;
      }
      if (run.cpuLimitCores() != null) {
        cpuRuns++;
        cpuHours += run.hours();
        cpuReserved += run.cpuLimitCores() * run.hours();
        cpuUsed += run.cpuCores().avg() * run.hours();
      }
      if (run.memoryLimitBytes() != null) {
        memRuns++;
        memHours += run.hours();
        memReserved += run.memoryLimitBytes() / GIB * run.hours();
        memUsed += run.memoryAverage() / GIB * run.hours();
      }
    }
    CpuWaste cpu =
        cpuRuns == 0
            ? null
            : new CpuWaste(
                cpuRuns,
                Decimals.round(cpuReserved),
                Decimals.round(cpuUsed),
                Decimals.round(cpuReserved - cpuUsed),
                advisedCpu == null ? null : Decimals.round(cpuReserved - advisedCpu * cpuHours));
    MemoryWaste memory =
        memRuns == 0
            ? null
            : new MemoryWaste(
                memRuns,
                Decimals.round(memReserved),
                Decimals.round(memUsed),
                Decimals.round(memReserved - memUsed),
                advisedMemory == null
                    ? null
                    : Decimals.round(memReserved - advisedMemory / GIB * memHours));
    return new Waste(cpu, memory);
  }
}
