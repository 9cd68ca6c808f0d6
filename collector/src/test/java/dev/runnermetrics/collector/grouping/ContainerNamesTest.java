package dev.runnermetrics.collector.grouping;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContainerNamesTest {

  @ParameterizedTest
  @CsvSource({
    "/, host",
    "/docker/3f2a9c1e5b7d4a6f8e0c2b4d6f8a0c2e4b6d8f0a2c4e6b8d0f2a4c6e8b0d2f4a, 3f2a9c1e5b7d",
    "/kubepods.slice/kubepods-pod1.slice/cri-containerd-9c8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b.scope, 9c8b7a6f5e4d",
    "/system.slice/docker-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.scope, 0123456789ab",
    "/machine.slice/libpod-abc.scope, abc",
    "/system.slice/ssh.service, ssh.service",
    "/runner, runner",
    "/a/sidecar/, sidecar",
    "/process_api/266de1e3bfd817fa10b797577075a1f9, 266de1e3bfd8",
  })
  void derivesShortNamesFromCgroupPaths(String path, String expected) {
    assertEquals(expected, ContainerNames.fromCgroupPath(path));
  }

  @ParameterizedTest
  @CsvSource({"'a\nb', a?b", "'', ?", "ok, ok"})
  void sanitizesControlCharacters(String in, String out) {
    assertEquals(out, ContainerNames.sanitize(in));
  }
}
