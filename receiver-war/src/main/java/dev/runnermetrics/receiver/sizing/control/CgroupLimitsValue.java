package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.receiver.sizing.entity.ContainerAdvice;
import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;

/**
 * The advice as a {@code CGROUP_LIMITS} value for the collector: the JSON object the collector's
 * {@code ContainerLimits} reads, container → {@code {"cpu":"1250m","memory":"1536Mi"}}. It names
 * the limits the advice sets: the memory limit, and the CPU limit only where the method advises
 * one; a container without advice is left out.
 */
public final class CgroupLimitsValue {

  private static final JsonProvider JSON = JsonProvider.provider();

  private CgroupLimitsValue() {}

  /** One line of JSON, ready for {@code CGROUP_LIMITS='…'}. */
  public static String render(SizingAdvice advice) {
    JsonObjectBuilder all = JSON.createObjectBuilder();
    for (ContainerAdvice container : advice.containers()) {
      JsonObjectBuilder limits = JSON.createObjectBuilder();
      boolean any = false;
      if (container.cpuLimitCores() != null) {
        limits.add("cpu", QuantityFormat.cpu(container.cpuLimitCores()));
        any = true;
      }
      if (container.memoryLimitBytes() != null) {
        limits.add("memory", QuantityFormat.memory(container.memoryLimitBytes()));
        any = true;
      }
      if (any) {
        all.add(container.name(), limits);
      }
    }
    return all.build().toString();
  }
}
