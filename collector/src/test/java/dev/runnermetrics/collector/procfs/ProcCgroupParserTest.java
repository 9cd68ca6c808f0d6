package dev.runnermetrics.collector.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProcCgroupParserTest {

  @Test
  void cgroupV1UsesTheMemoryControllerPath() {
    ProcCgroup c = ProcCgroupParser.parse(Fixtures.read("cgroup-v1", "cgroup"));
    assertEquals(4, c.entries().size());
    assertEquals(List.of("cpu", "cpuacct"), c.entries().get(2).controllers());
    assertEquals(List.of("name=systemd"), c.entries().get(3).controllers());
    assertEquals(
        "/docker/3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a",
        c.containerPath());
  }

  @Test
  void cgroupV2UsesTheUnifiedLine() {
    ProcCgroup c = ProcCgroupParser.parse(Fixtures.read("cgroup-v2", "cgroup"));
    assertEquals(1, c.entries().size());
    assertTrue(c.entries().get(0).unified());
    assertTrue(
        c.containerPath()
            .endsWith(
                "/cri-containerd-9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b.scope"));
  }

  @Test
  void hybridPrefersTheV1MemoryControllerOverTheUnifiedLine() {
    ProcCgroup c = ProcCgroupParser.parse(Fixtures.read("cgroup-hybrid", "cgroup"));
    assertEquals(6, c.entries().size());
    assertEquals("/process_api/266de1e3bfd817fa10b797577075a1f9", c.containerPath());
  }

  @Test
  void v1WithoutMemoryControllerFallsBackToCpu() {
    ProcCgroup c = ProcCgroupParser.parse("3:cpuset:/a\n2:cpu,cpuacct:/b\n1:name=systemd:/c\n");
    assertEquals("/b", c.containerPath());
  }

  @Test
  void kernelThreadIsInTheRootCgroup() {
    assertEquals(
        "/", ProcCgroupParser.parse(Fixtures.read("kernel-thread", "cgroup")).containerPath());
  }

  @Test
  void pathMayContainColons() {
    assertEquals("/a:b", ProcCgroupParser.parse("0::/a:b\n").containerPath());
  }

  @Test
  void rejectsEmptyFile() {
    ProcParseException e =
        assertThrows(
            ProcParseException.class,
            () -> ProcCgroupParser.parse(Fixtures.read("empty", "cgroup")));
    assertEquals("cgroup", e.file());
  }

  @Test
  void rejectsLineWithoutPath() {
    assertThrows(ProcParseException.class, () -> ProcCgroupParser.parse("4:memory\n"));
  }
}
