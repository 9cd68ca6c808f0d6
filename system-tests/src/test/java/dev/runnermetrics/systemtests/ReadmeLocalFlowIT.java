package dev.runnermetrics.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.StoredRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's "Local" block as a user would paste it, so the README cannot drift from the
 * product. Two substitutions keep it safe inside a build: the port 8080 becomes a free one and the
 * database goes to a temp dir; the block's own build line is left out (this build made the
 * artifacts already).
 */
class ReadmeLocalFlowIT {

  @Test
  void readmeLocalFlowStoresAndReturnsTheRun(@TempDir Path dir) throws Exception {
    for (String tool : List.of("curl", "jq")) {
      boolean present = onPath(tool);
      if (!present) {
        System.out.println("SKIPPED the README's Local flow: it uses " + tool + ", not installed");
      }
      Assumptions.assumeTrue(present, tool + " is not installed");
    }
    String block = localBlock();
    int port = Receiver.freePort();
    String script =
        block
            .lines()
            .filter(line -> !line.startsWith("./mvnw"))
            .reduce("set -euo pipefail", (a, b) -> a + "\n" + b)
            .replace("8080", Integer.toString(port))
            .replace("--db=metrics.db", "--db=" + dir.resolve("metrics.db"));
    Path out = dir.resolve("out.txt");
    Process bash =
        new ProcessBuilder("bash", "-c", script)
            .directory(Repo.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    try {
      assertTrue(bash.waitFor(300, TimeUnit.SECONDS), "README flow still running:\n" + tail(out));
      assertEquals(0, bash.exitValue(), "README flow failed:\n" + tail(out));
    } finally {
      Processes.kill(bash);
    }
    String output = Files.readString(out, StandardCharsets.UTF_8);
    int answer = output.lastIndexOf("[{\"id\"");
    assertTrue(answer >= 0, "no query answer in the output:\n" + tail(out));
    String json = output.substring(answer).strip();
    StoredRun run = CollectorToReceiverIT.onlyRun(json);
    assertEquals("my-org/my-repo", run.repository());
    assertEquals("run-123", run.runId());
    // The README's workload ends on a whole second of `date +%s`, so a "3 s" run may last barely
    // 2 s: at a 2 s interval only the final tick is certain (the collector always takes one).
    assertTrue(run.payload().sampleCount() >= 1, json);
    assertTrue(run.payload().durationSeconds() > 0, json);
  }

  /** The first ```bash block after the "### Local" heading. */
  static String localBlock() throws IOException {
    List<String> lines = Files.readAllLines(Repo.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int heading = lines.indexOf("### Local");
    assertTrue(heading >= 0, "README has no '### Local' section");
    int start = heading;
    while (!lines.get(start).equals("```bash")) {
      start++;
    }
    int end = start + 1;
    while (!lines.get(end).equals("```")) {
      end++;
    }
    return String.join("\n", lines.subList(start + 1, end));
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return false;
  }

  private static String tail(Path out) {
    return Processes.tail(out, 40);
  }
}
