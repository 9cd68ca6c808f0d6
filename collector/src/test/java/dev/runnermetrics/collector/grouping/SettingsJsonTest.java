package dev.runnermetrics.collector.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsJsonTest {

  @Test
  void parsesProcessMap() {
    ProcessMap m = ProcessMap.parse("{\"node\":\"runner\",\"python3\":\"sidecar\"}");
    assertEquals(Optional.of("runner"), m.containerFor("node"));
    assertEquals(Optional.of("sidecar"), m.containerFor("python3"));
    assertEquals(Optional.empty(), m.containerFor("bash"));
  }

  @Test
  void rejectsMalformedProcessMap() {
    assertThrows(IllegalArgumentException.class, () -> ProcessMap.parse("{\"node\":"));
    assertThrows(IllegalArgumentException.class, () -> ProcessMap.parse("[1]"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ProcessMap.parse("{\"node\":1}"));
    assertTrue(e.getMessage().contains("node"), e.getMessage());
  }

  @Test
  void parsesSeedLimitsExample() {
    ContainerLimits l =
        ContainerLimits.parse(
            "{\"runner\":{\"cpu\":\"2\",\"memory\":\"1Gi\"},\"sidecar\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"}}");
    assertEquals(Optional.of(2.0), l.cpuCores("runner"));
    assertEquals(Optional.of(1L << 30), l.memoryBytes("runner"));
    assertEquals(Optional.of(0.5), l.cpuCores("sidecar"));
    assertEquals(Optional.of(256L << 20), l.memoryBytes("sidecar"));
    assertEquals(Optional.empty(), l.cpuCores("other"));
  }

  @Test
  void limitsMayOmitOneResourceAndUseNumbers() {
    ContainerLimits l =
        ContainerLimits.parse("{\"runner\":{\"memory\":\"1G\"},\"x\":{\"cpu\":1.5}}");
    assertEquals(Optional.empty(), l.cpuCores("runner"));
    assertEquals(Optional.of(1_000_000_000L), l.memoryBytes("runner"));
    assertEquals(Optional.of(1.5), l.cpuCores("x"));
  }

  @Test
  void rejectsBadQuantityNamingTheContainer() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ContainerLimits.parse("{\"runner\":{\"cpu\":\"lots\"}}"));
    assertTrue(e.getMessage().contains("runner"), e.getMessage());
    assertTrue(e.getMessage().contains("lots"), e.getMessage());
  }

  @Test
  void rejectsUnknownLimitField() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ContainerLimits.parse("{\"runner\":{\"cpus\":\"2\"}}"));
  }
}
