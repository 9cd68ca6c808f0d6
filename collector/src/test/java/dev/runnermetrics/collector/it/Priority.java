package dev.runnermetrics.collector.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Gives test workloads a full core on a shared machine: a cgroup in the v1 {@code cpu} hierarchy
 * with the highest {@code cpu.shares} (a v2 {@code cpu.weight} where v1 is absent). With autogroup
 * scheduling, nice does not help across sessions; a task group does. Processes forked later inherit
 * it. Best effort: where the cgroup cannot be made, workloads run as they are and {@link
 * Saturation} compares against the kernel instead.
 */
final class Priority {
  private static final Path GROUP = create();

  private Priority() {}

  private static Path create() {
    String name = "runner-metrics-test-prio-" + UUID.randomUUID().toString().substring(0, 8);
    try {
      Path v1 = Path.of("/sys/fs/cgroup/cpu");
      Path dir;
      if (Files.isRegularFile(v1.resolve("cpu.shares"))) {
        dir = Files.createDirectory(v1.resolve(name));
        Files.writeString(dir.resolve("cpu.shares"), "262144");
      } else {
        dir = Files.createDirectory(Path.of("/sys/fs/cgroup").resolve(name));
        Files.writeString(dir.resolve("cpu.weight"), "10000");
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(dir)));
      return dir;
    } catch (IOException | RuntimeException e) {
      System.out.println("no priority cgroup (" + e + "): workloads compete with the neighbours");
      return null;
    }
  }

  private static void remove(Path dir) {
    for (int i = 0; i < 50; i++) {
      try {
        Files.deleteIfExists(dir);
        return;
      } catch (IOException busy) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  /** Moves {@code pid} (and its future children) into the priority group, if there is one. */
  static void raise(long pid) {
    if (GROUP == null) {
      return;
    }
    try {
      Files.writeString(GROUP.resolve("cgroup.procs"), Long.toString(pid));
    } catch (IOException e) {
      System.out.println("cannot raise " + pid + ": " + e);
    }
  }
}
