package dev.runnermetrics.collector.grouping;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code CGROUP_PROCESS_MAP}: process name → container name, e.g. {@code {"node":"runner"}}. */
public record ProcessMap(Map<String, String> containerByProcess) {
  public ProcessMap {
    containerByProcess = Collections.unmodifiableMap(new LinkedHashMap<>(containerByProcess));
  }

  public static ProcessMap empty() {
    return new ProcessMap(Map.of());
  }

  /**
   * Parses the JSON object.
   *
   * @throws IllegalArgumentException naming what is wrong (not JSON, not an object, a value that is
   *     not a non-empty string)
   */
  public static ProcessMap parse(String json) {
    JsonObject object = JsonObjects.parseObject(json);
    Map<String, String> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : object.entrySet()) {
      if (!(e.getValue() instanceof JsonString s) || s.getString().isBlank()) {
        throw new IllegalArgumentException(
            "value of \"" + e.getKey() + "\" must be a container name string");
      }
      if (e.getKey().isEmpty()) {
        throw new IllegalArgumentException("empty process name");
      }
      map.put(e.getKey(), ContainerNames.sanitize(s.getString()));
    }
    return new ProcessMap(map);
  }

  public Optional<String> containerFor(String processName) {
    return Optional.ofNullable(containerByProcess.get(processName));
  }

  /** Package-private JSON helpers shared with {@link ContainerLimits}. */
  static final class JsonObjects {
    private JsonObjects() {}

    static JsonObject parseObject(String json) {
      try (JsonReader reader = Json.createReader(new StringReader(json))) {
        JsonValue value = reader.readValue();
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
          throw new IllegalArgumentException("must be a JSON object");
        }
        return value.asJsonObject();
      } catch (jakarta.json.JsonException e) {
        throw new IllegalArgumentException("malformed JSON: " + firstLine(e.getMessage()));
      }
    }

    private static String firstLine(String message) {
      if (message == null) {
        return "unreadable";
      }
      int nl = message.indexOf('\n');
      return nl < 0 ? message : message.substring(0, nl);
    }
  }
}
