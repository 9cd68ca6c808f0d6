package dev.runnermetrics.receiver.sizing.entity;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.util.List;
import java.util.Optional;

/**
 * The advice for one job: every container seen in the window, and the job's waste (the sum over its
 * containers of what is known).
 */
@JsonbPropertyOrder({
  "runsInWindow",
  "cpuPercentile",
  "headroom",
  "containers",
  "wasteCoreHours",
  "wasteGibHours",
  "adviceSavesCoreHours",
  "adviceSavesGibHours"
})
public record SizingAdvice(
    @JsonbProperty("runs_in_window") int runsInWindow,
    @JsonbProperty("cpu_percentile") String cpuPercentile,
    double headroom,
    List<ContainerAdvice> containers,
    @JsonbProperty("waste_core_hours") double wasteCoreHours,
    @JsonbProperty("waste_gib_hours") double wasteGibHours,
    @JsonbProperty("advice_saves_core_hours") double adviceSavesCoreHours,
    @JsonbProperty("advice_saves_gib_hours") double adviceSavesGibHours) {

  /** Copies the list. */
  public SizingAdvice {
    containers = List.copyOf(containers);
  }

  /** The advice for the container named {@code name}, if it was seen. */
  public Optional<ContainerAdvice> container(String name) {
    return containers.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
