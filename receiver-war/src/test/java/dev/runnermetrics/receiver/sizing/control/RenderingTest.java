package dev.runnermetrics.receiver.sizing.control;

import static dev.runnermetrics.receiver.sizing.control.Row.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.quantity.Quantities;
import dev.runnermetrics.receiver.sizing.entity.ContainerAdvice;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The Kubernetes YAML and the CGROUP_LIMITS value, read back by a YAML reader and by the grammar of
 * the collector's {@code ContainerLimits} (a JSON object of {@code {"cpu","memory"}} quantity
 * strings, parsed by ee-common's {@code Quantities}).
 */
class RenderingTest {

  /** Names the structure must survive: YAML indicators, quotes, backslashes, line separators. */
  static final List<String> NAMES =
      List.of(
          "build",
          "a: b",
          "- x",
          "#not a comment",
          "quote\"d",
          "back\\slash",
          "{flow}",
          "yes",
          "null",
          "123",
          "  spaced  ",
          "ünï código ✓",
          "line\u2028separator",
          "&anchor *alias !tag |block >fold %directive @at `tick'");

  static SizingAdvice advice() {
    List<ContainerRun> rows = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      String name = NAMES.get(i);
      for (int r = 1; r <= 3; r++) {
        Row row = run("r" + r, r).container(name).cpu(0.1 * (i + 1), 0.2 * (i + 1));
        if (i % 3 == 0) {
          row.limits(null, null);
        }
        rows.add(row.build());
      }
    }
    rows.add(run("r4", 4).container("oom-only").oomKills(1).build());
    rows.add(run("r4", 4).container("nothing").samples(0).build());
    return SizingAdvisor.advise(rows, SizingParameters.DEFAULTS);
  }

  @Test
  @SuppressWarnings("unchecked")
  void yamlParsesAsKubernetesResourcesBlocks() {
    SizingAdvice advice = advice();
    String yaml = ResourcesYaml.render(advice);
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    List<Map<String, Object>> containers =
        (List<Map<String, Object>>) ((Map<String, Object>) root).get("containers");
    assertEquals(advice.containers().size(), containers.size(), yaml);
    for (int i = 0; i < containers.size(); i++) {
      Map<String, Object> entry = containers.get(i);
      ContainerAdvice want = advice.containers().get(i);
      assertEquals(Set.of("name", "resources"), entry.keySet(), yaml);
      assertEquals(want.name(), entry.get("name"));
      Map<String, Object> resources = (Map<String, Object>) entry.get("resources");
      assertTrue(Set.of("requests", "limits").containsAll(resources.keySet()), yaml);
      Map<String, String> requests =
          (Map<String, String>) resources.getOrDefault("requests", Map.of());
      Map<String, String> limits = (Map<String, String>) resources.getOrDefault("limits", Map.of());
      assertTrue(Set.of("cpu", "memory").containsAll(requests.keySet()));
      assertTrue(Set.of("cpu", "memory").containsAll(limits.keySet()));
      assertEquals(want.cpuRequestCores(), cores(requests.get("cpu")), want.name());
      assertEquals(want.cpuLimitCores(), cores(limits.get("cpu")), want.name());
      assertEquals(want.memoryRequestBytes(), bytes(requests.get("memory")), want.name());
      assertEquals(want.memoryLimitBytes(), bytes(limits.get("memory")), want.name());
      if (requests.containsKey("cpu") && limits.containsKey("cpu")) {
        assertTrue(cores(requests.get("cpu")) <= cores(limits.get("cpu")), "request ≤ limit");
      }
    }
    assertTrue(resources(containers, "nothing").isEmpty(), "no advice: an empty block");
  }

  @Test
  void yamlOfOneContainerReadsAsWritten() {
    SizingAdvice advice =
        SizingAdvisor.advise(SizingAdvisorTest.three(), SizingParameters.DEFAULTS);
    assertEquals(
        """
        # Sizing advice from the 3 newest runs: CPU from each run's p95, 20 % headroom.
        containers:
          - name: "build"
            # confidence: medium (3 clean runs)
            resources:
              requests:
                cpu: "1450m"
                memory: "1200Mi"
              limits:
                cpu: "1800m"
                memory: "1200Mi"
        """,
        ResourcesYaml.render(advice));
  }

  @Test
  void cgroupLimitsValueParsesWithTheCollectorsGrammar() {
    SizingAdvice advice = advice();
    String value = CgroupLimitsValue.render(advice);
    JsonObject object = Json.createReader(new StringReader(value)).readObject();
    for (ContainerAdvice want : advice.containers()) {
      if (want.memoryLimitBytes() == null && want.cpuLimitCores() == null) {
        assertFalse(object.containsKey(want.name()), want.name());
        continue;
      }
      JsonObject limits = object.getJsonObject(want.name());
      assertTrue(Set.of("cpu", "memory").containsAll(limits.keySet()), value);
      assertEquals(want.cpuLimitCores(), cores(string(limits.get("cpu"))), want.name());
      assertEquals(want.memoryLimitBytes(), bytes(string(limits.get("memory"))), want.name());
    }
    assertFalse(value.contains("\n"), "one line for an environment variable");
  }

  @Test
  void cgroupLimitsValueOfOneContainer() {
    SizingAdvice advice =
        SizingAdvisor.advise(SizingAdvisorTest.three(), SizingParameters.DEFAULTS);
    assertEquals(
        "{\"build\":{\"cpu\":\"1800m\",\"memory\":\"1200Mi\"}}", CgroupLimitsValue.render(advice));
  }

  @ParameterizedTest
  @CsvSource({"2.0, 2", "1.25, 1250m", "0.05, 50m", "64, 64", "0.0501, 51m"})
  void formatsCpu(double cores, String text) {
    assertEquals(text, QuantityFormat.cpu(cores));
    assertTrue(Quantities.cpuCores(text) >= cores);
  }

  @ParameterizedTest
  @CsvSource({
    "2147483648, 2Gi",
    "1610612736, 1536Mi",
    "16777216, 16Mi",
    "64000000000, 64000000000",
    "0, 0"
  })
  void formatsMemory(long bytes, String text) {
    assertEquals(text, QuantityFormat.memory(bytes));
    assertEquals(bytes, Quantities.bytes(text));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> resources(List<Map<String, Object>> containers, String name) {
    return containers.stream()
        .filter(c -> name.equals(c.get("name")))
        .map(c -> (Map<String, Object>) c.get("resources"))
        .findFirst()
        .orElseThrow();
  }

  private static String string(JsonValue value) {
    return value == null ? null : ((JsonString) value).getString();
  }

  private static Double cores(String text) {
    return text == null ? null : Quantities.cpuCores(text);
  }

  private static Long bytes(String text) {
    return text == null ? null : Quantities.bytes(text);
  }

  @Test
  void noAdviceMeansNoLimits() {
    ContainerAdvice nothing = advice().container("nothing").orElseThrow();
    assertNull(nothing.memoryLimitBytes());
    assertNull(nothing.cpuRequestCores());
  }
}
