package dev.runnermetrics.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Test-owned cgroups standing for containers, created in every hierarchy the collector may read
 * (cgroup v2, and v1 cpu, cpuacct and memory), so attribution works whichever line of {@code
 * /proc/[pid]/cgroup} it uses. Each v1 group nests under the test's own group of that hierarchy.
 */
final class Cgroups implements AutoCloseable {

  private static final Path ROOT = Path.of("/sys/fs/cgroup");

  private final String parent;
  private final List<Path> hierarchies = new ArrayList<>();
  private final List<Path> created = new ArrayList<>();

  private Cgroups(String parent) {
    this.parent = parent;
  }

  /**
   * Creates {@code <parent>/<name>} for every container name in every writable hierarchy, or
   * explains why it cannot.
   */
  static Result create(String parent, String... names) {
    Cgroups cgroups = new Cgroups(parent);
    try {
      for (Path base : cgroups.bases()) {
        Path group = base.resolve(parent);
        Files.createDirectories(group);
        cgroups.created.add(group);
        for (String name : names) {
          Files.createDirectories(group.resolve(name));
          cgroups.created.add(group.resolve(name));
        }
        cgroups.hierarchies.add(group);
      }
      if (cgroups.hierarchies.isEmpty()) {
        return new Result(Optional.empty(), "no cgroup hierarchy is mounted under " + ROOT);
      }
      return new Result(Optional.of(cgroups), "");
    } catch (IOException | RuntimeException e) {
      cgroups.close();
      return new Result(Optional.empty(), "cannot create cgroups here: " + e);
    }
  }

  /**
   * Gives the test's groups a large CPU weight where the hierarchy has one, so that a busy
   * neighbour on a 2-core machine cannot starve the workload whose cores the test asserts.
   */
  void favourCpu() {
    for (Path dir : created) {
      writeIfPresent(dir.resolve("cpu.shares"), "10240");
      writeIfPresent(dir.resolve("cpu.weight"), "10000");
    }
  }

  private static void writeIfPresent(Path file, String value) {
    if (Files.exists(file)) {
      try {
        Files.writeString(file, value);
      } catch (IOException e) {
        System.out.println("cannot raise CPU weight in " + file + ": " + e.getMessage());
      }
    }
  }

  /** Moves {@code pid} into container group {@code name} in every hierarchy. */
  void move(long pid, String name) throws IOException {
    for (Path group : hierarchies) {
      Files.writeString(group.resolve(name).resolve("cgroup.procs"), Long.toString(pid));
    }
  }

  /** Removes the groups; they must be empty, so move or end their processes first. */
  @Override
  public void close() {
    for (int i = created.size() - 1; i >= 0; i--) {
      Path group = created.get(i);
      for (int attempt = 0; attempt < 50; attempt++) {
        try {
          Files.deleteIfExists(group);
          break;
        } catch (IOException busy) {
          // A killed process leaves its cgroup a moment after it is reaped.
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
      }
    }
  }

  /** The directories under which this test may create groups, one per hierarchy. */
  private List<Path> bases() throws IOException {
    List<Path> bases = new ArrayList<>();
    List<String> own = Files.readAllLines(Path.of("/proc/self/cgroup"), StandardCharsets.UTF_8);
    if (Files.exists(ROOT.resolve("cgroup.controllers"))) {
      bases.add(ROOT.resolve(ownPath(own, "").substring(1)));
      return bases;
    }
    if (Files.exists(ROOT.resolve("unified/cgroup.procs"))) {
      bases.add(ROOT.resolve("unified").resolve(ownPath(own, "").substring(1)));
    }
    for (String controller : List.of("cpu", "cpuacct", "memory")) {
      Path mount = ROOT.resolve(controller);
      if (Files.exists(mount.resolve("cgroup.procs"))) {
        bases.add(mount.resolve(ownPath(own, controller).substring(1)));
      }
    }
    return bases;
  }

  /** This process's path in the hierarchy of {@code controller} ("" for v2). */
  private static String ownPath(List<String> lines, String controller) {
    for (String line : lines) {
      String[] parts = line.split(":", 3);
      if (parts.length == 3
          && (controller.isEmpty()
              ? parts[0].equals("0") && parts[1].isEmpty()
              : List.of(parts[1].split(",")).contains(controller))) {
        return parts[2];
      }
    }
    return "/";
  }

  /** Either the groups, or the reason there are none. */
  record Result(Optional<Cgroups> cgroups, String reason) {}
}
