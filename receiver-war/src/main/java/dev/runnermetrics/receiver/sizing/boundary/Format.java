package dev.runnermetrics.receiver.sizing.boundary;

import dev.runnermetrics.receiver.sizing.control.InvalidSizingParameterException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The form of the advice: {@code ?format=} wins; else the client's first acceptable type. */
enum Format {
  JSON,
  YAML,
  CGROUP_LIMITS;

  static Format of(String format, List<MediaType> acceptable) {
    if (format == null || format.isBlank()) {
      for (MediaType type : acceptable) {
        if (type.isWildcardType() || type.isWildcardSubtype()) {
          return JSON;
        }
        if (type.isCompatible(SizingResource.YAML_TYPE)) {
          return YAML;
        }
        if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
          return JSON;
        }
      }
      return JSON;
    }
    return switch (format.strip()) {
      case "json" -> JSON;
      case "yaml" -> YAML;
      case "cgroup-limits" -> CGROUP_LIMITS;
      default ->
          throw InvalidSizingParameterException.of("format", "must be json, yaml or cgroup-limits");
    };
  }
}
