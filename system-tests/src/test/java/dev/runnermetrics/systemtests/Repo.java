package dev.runnermetrics.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built artifacts and launchers of the checkout under test are. */
final class Repo {

  static final Path ROOT =
      Path.of(System.getProperty("repo.root", "..")).toAbsolutePath().normalize();
  static final Path BIN_RECEIVER = ROOT.resolve("bin/receiver");
  static final Path BIN_COLLECTOR = ROOT.resolve("bin/collector");
  static final Path TEST_CLASSES = ROOT.resolve("system-tests/target/test-classes");

  private Repo() {}

  /** The java binary running this test, so children use the same JDK. */
  static Path java() {
    return Path.of(ProcessHandle.current().info().command().orElse("java"));
  }

  static Path require(Path path) {
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          path + " is missing: build the project first (./mvnw package)");
    }
    return path;
  }
}
