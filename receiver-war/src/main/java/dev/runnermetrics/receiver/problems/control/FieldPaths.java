package dev.runnermetrics.receiver.problems.control;

import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Locale;

/** Turns Bean Validation property paths into the JSON names clients sent. */
public final class FieldPaths {

  private FieldPaths() {}

  /**
   * The JSON path of a violation, e.g. {@code payload.containers[0].cpu_cores.peak}: method and
   * parameter nodes are dropped, record component names become snake_case, and {@code
   * dropFirstProperty} removes a wrapper's own property name.
   */
  public static String json(Path path, boolean dropFirstProperty) {
    StringBuilder json = new StringBuilder();
    boolean first = dropFirstProperty;
    for (Path.Node node : path) {
      ElementKind kind = node.getKind();
      if (kind == ElementKind.METHOD
          || kind == ElementKind.PARAMETER
          || kind == ElementKind.CONSTRUCTOR
          || kind == ElementKind.RETURN_VALUE
          || kind == ElementKind.CROSS_PARAMETER) {
        continue;
      }
      if (node.getIndex() != null && json.length() > 0) {
        json.append('[').append(node.getIndex()).append(']');
      }
      if (node.getName() == null || kind == ElementKind.CONTAINER_ELEMENT) {
        continue;
      }
      if (first) {
        first = false;
        continue;
      }
      if (json.length() > 0) {
        json.append('.');
      }
      json.append(snakeCase(node.getName()));
    }
    return json.toString();
  }

  /** {@code cpuLimitCores} → {@code cpu_limit_cores}; names already in snake_case stay. */
  public static String snakeCase(String name) {
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
