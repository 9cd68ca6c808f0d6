package dev.runnermetrics.collector.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContainerResolverTest {

  @Test
  void mappedProcessNamesItsWholeCgroup() {
    ContainerResolver r = new ContainerResolver(new ProcessMap(Map.of("node", "runner")));
    assertEquals("a", r.containerOf("/pod/a"));
    r.observe("node", "/pod/a");
    r.observe("bash", "/pod/b");
    assertEquals("runner", r.containerOf("/pod/a"));
    assertEquals("b", r.containerOf("/pod/b"));
  }

  @Test
  void namingSticksAfterTheMappedProcessIsGone() {
    ContainerResolver r = new ContainerResolver(new ProcessMap(Map.of("node", "runner")));
    r.observe("node", "/pod/a");
    assertEquals("runner", r.containerOf("/pod/a"));
  }

  @Test
  void shortCommIsTheName() {
    assertEquals(
        "node",
        ContainerResolver.processName("node", () -> fail("argv[0] not needed for short comm")));
  }

  @Test
  void cutCommIsReplacedByArgv0() {
    assertEquals(
        "forgejo-runner-long",
        ContainerResolver.processName("forgejo-runner-", () -> Optional.of("forgejo-runner-long")));
    // argv[0] rewritten to something unrelated: keep comm
    assertEquals(
        "forgejo-runner-",
        ContainerResolver.processName("forgejo-runner-", () -> Optional.of("x")));
  }

  @Test
  void cutCommWithoutArgv0MatchesALongerKey() {
    ContainerResolver r =
        new ContainerResolver(new ProcessMap(Map.of("forgejo-runner-long", "runner")));
    r.observe("forgejo-runner-", "/pod/r");
    assertEquals("runner", r.containerOf("/pod/r"));
  }

  @Test
  void cgroupTextIsParsedToTheContainerPath() {
    ContainerResolver r = new ContainerResolver(ProcessMap.empty());
    assertEquals("/x", r.cgroupPath("4:memory:/x\n0::/\n"));
    assertEquals("/x", r.cgroupPath("4:memory:/x\n0::/\n"));
  }
}
