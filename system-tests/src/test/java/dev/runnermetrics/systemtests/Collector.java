package dev.runnermetrics.systemtests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real collector, started through {@code bin/collector} with the seed's flags and env. */
final class Collector {

  private Collector() {}

  /** Environment the seed documents for one job: scope, run id, process map and limits. */
  static Map<String, String> seedEnv(String runId) {
    return Map.of(
        "GITHUB_REPOSITORY_OWNER",
        "my-org",
        "GITHUB_REPOSITORY",
        "my-org/my-repo",
        "GITHUB_WORKFLOW",
        "ci.yml",
        "GITHUB_JOB",
        "build",
        "GITHUB_RUN_ID",
        runId,
        "CGROUP_PROCESS_MAP",
        "{\"runner-burn\":\"runner\",\"sidecar-hold\":\"sidecar\"}",
        "CGROUP_LIMITS",
        "{\"runner\":{\"cpu\":\"2\",\"memory\":\"1Gi\"},"
            + "\"sidecar\":{\"cpu\":\"500m\",\"memory\":\"256Mi\"}}");
  }

  /** Starts the collector; stdout and stderr go to {@code <dir>/collector.out|err}. */
  static Process start(Path dir, Map<String, String> env, String... flags) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Repo.require(Repo.BIN_COLLECTOR).toString());
    command.addAll(List.of(flags));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(env);
    builder.redirectOutput(dir.resolve("collector.out").toFile());
    builder.redirectError(dir.resolve("collector.err").toFile());
    return builder.start();
  }
}
