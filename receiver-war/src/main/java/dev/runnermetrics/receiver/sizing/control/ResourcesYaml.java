package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.receiver.sizing.entity.ContainerAdvice;
import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import jakarta.json.spi.JsonProvider;
import java.util.Locale;

/**
 * The advice as Kubernetes YAML: a {@code containers:} list in the shape of a pod spec, each entry
 * with its {@code name} and a {@code resources:} block to paste (or apply as a strategic merge
 * patch). Written by hand because it is this small; names are quoted as JSON strings, which YAML
 * reads as double-quoted scalars, so no name can break the structure.
 */
public final class ResourcesYaml {

  private static final JsonProvider JSON = JsonProvider.provider();

  private ResourcesYaml() {}

  /** The YAML document for every container of {@code advice}. */
  public static String render(SizingAdvice advice) {
    StringBuilder yaml = new StringBuilder();
    yaml.append(
        String.format(
            Locale.ROOT,
            "# Sizing advice from the %d newest runs: CPU from each run's %s, %.0f %% headroom.\n",
            advice.runsInWindow(),
            advice.cpuPercentile(),
            advice.headroom() * 100));
    yaml.append("containers:\n");
    for (ContainerAdvice container : advice.containers()) {
      yaml.append("  - name: ").append(quoted(container.name())).append('\n');
      yaml.append(
          String.format(
              Locale.ROOT,
              "    # confidence: %s (%d clean runs)\n",
              container.confidence().level(),
              container.confidence().cleanRuns()));
      boolean requests =
          container.cpuRequestCores() != null || container.memoryRequestBytes() != null;
      boolean limits = container.cpuLimitCores() != null || container.memoryLimitBytes() != null;
      if (!requests && !limits) {
        yaml.append("    resources: {}\n");
        continue;
      }
      yaml.append("    resources:\n");
      if (requests) {
        yaml.append("      requests:\n");
        if (container.cpuRequestCores() != null) {
          line(yaml, "cpu", QuantityFormat.cpu(container.cpuRequestCores()));
        }
        if (container.memoryRequestBytes() != null) {
          line(yaml, "memory", QuantityFormat.memory(container.memoryRequestBytes()));
        }
      }
      if (limits) {
        yaml.append("      limits:\n");
        if (container.cpuLimitCores() != null) {
          line(yaml, "cpu", QuantityFormat.cpu(container.cpuLimitCores()));
        }
        if (container.memoryLimitBytes() != null) {
          line(yaml, "memory", QuantityFormat.memory(container.memoryLimitBytes()));
        }
      }
    }
    return yaml.toString();
  }

  private static void line(StringBuilder yaml, String key, String quantity) {
    yaml.append("        ").append(key).append(": \"").append(quantity).append("\"\n");
  }

  /**
   * {@code text} as a JSON string; the line and paragraph separators, which YAML 1.1 readers take
   * for line breaks inside a scalar, escaped as JSON allows.
   */
  static String quoted(String text) {
    return JSON.createValue(text)
        .toString()
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029");
  }
}
