package dev.runnermetrics.collector.grouping;

import dev.runnermetrics.common.quantity.Quantities;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code CGROUP_LIMITS}: per container a CPU limit in cores and a memory limit in bytes, written in
 * Kubernetes notation, e.g. {@code {"runner":{"cpu":"2","memory":"1Gi"}}}. Either may be missing.
 */
public final class ContainerLimits {
  private final Map<String, Double> cpuCores;
  private final Map<String, Long> memoryBytes;

  ContainerLimits(Map<String, Double> cpuCores, Map<String, Long> memoryBytes) {
    this.cpuCores = Collections.unmodifiableMap(new HashMap<>(cpuCores));
    this.memoryBytes = Collections.unmodifiableMap(new HashMap<>(memoryBytes));
  }

  public static ContainerLimits none() {
    return new ContainerLimits(Map.of(), Map.of());
  }

  /**
   * Parses the JSON object; quantities may be strings ({@code "500m"}, {@code "256Mi"}) or numbers.
   *
   * @throws IllegalArgumentException naming the container and field that is wrong
   */
  public static ContainerLimits parse(String json) {
    JsonObject object = ProcessMap.JsonObjects.parseObject(json);
    Map<String, Double> cpu = new HashMap<>();
    Map<String, Long> memory = new HashMap<>();
    for (Map.Entry<String, JsonValue> e : object.entrySet()) {
      String name = ContainerNames.sanitize(e.getKey());
      if (e.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
        throw new IllegalArgumentException(
            "\"" + e.getKey() + "\" must be an object like {\"cpu\":\"2\",\"memory\":\"1Gi\"}");
      }
      JsonObject limits = e.getValue().asJsonObject();
      for (String key : limits.keySet()) {
        if (!key.equals("cpu") && !key.equals("memory")) {
          throw new IllegalArgumentException(
              "\"" + e.getKey() + "\" has unknown field \"" + key + "\" (cpu, memory)");
        }
      }
      Optional<String> cpuText = quantity(limits, "cpu", e.getKey());
      Optional<String> memText = quantity(limits, "memory", e.getKey());
      try {
        cpuText.ifPresent(t -> cpu.put(name, Quantities.cpuCores(t)));
        memText.ifPresent(t -> memory.put(name, Quantities.bytes(t)));
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException("\"" + e.getKey() + "\": " + bad.getMessage(), bad);
      }
    }
    return new ContainerLimits(cpu, memory);
  }

  private static Optional<String> quantity(JsonObject limits, String field, String container) {
    JsonValue v = limits.get(field);
    if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
      return Optional.empty();
    }
    if (v instanceof JsonString s) {
      return Optional.of(s.getString());
    }
    if (v instanceof JsonNumber n) {
      return Optional.of(n.toString());
    }
    throw new IllegalArgumentException(
        "\"" + container + "\"." + field + " must be a quantity string like \"500m\" or \"1Gi\"");
  }

  public Optional<Double> cpuCores(String container) {
    return Optional.ofNullable(cpuCores.get(container));
  }

  public Optional<Long> memoryBytes(String container) {
    return Optional.ofNullable(memoryBytes.get(container));
  }
}
