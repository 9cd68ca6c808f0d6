package dev.runnermetrics.receiver.export.control;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code promtool check metrics} (Debian's {@code prometheus} package) on an exposition, so
 * the format is checked by Prometheus' own parser and linter.
 */
public final class Promtool {

  private Promtool() {}

  /** The promtool binary on this machine, if installed. */
  public static Optional<Path> binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "promtool");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * The lines promtool prints about {@code exposition}: none when it exits 0; a format error (exit
   * 1) or lint findings (exit 3, one per line) otherwise.
   */
  public static List<String> problems(Path promtool, String exposition)
      throws IOException, InterruptedException {
    return check(promtool, exposition).map(o -> o.lines().toList()).orElse(List.of());
  }

  /** What promtool says about {@code exposition}: empty when it exits 0, else its output. */
  public static Optional<String> check(Path promtool, String exposition)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(exposition.getBytes(StandardCharsets.UTF_8));
    }
    String output;
    try (InputStream out = process.getInputStream()) {
      output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return Optional.of("promtool did not finish");
    }
    return process.exitValue() == 0 ? Optional.empty() : Optional.of(output);
  }
}
