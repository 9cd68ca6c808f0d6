package dev.runnermetrics.collector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.ProcessSummary;
import dev.runnermetrics.common.summary.RunSummary;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code collector [flags] -- CMD ARGS…}: measures while CMD runs, exits with CMD's code. */
class WrapperIT {
  @org.junit.jupiter.api.BeforeAll
  static void linuxOnly() {
    Processes.requireLinuxProc();
  }

  @TempDir Path dir;

  @Test
  void exitCodeOfTheCommandIsPassedThrough() throws Exception {
    Processes.Run run =
        Processes.collector(
            dir, Map.of(), "--interval=200ms", "--", "sh", "-c", "sleep 0.5; exit 7");
    assertEquals(7, run.waitFor(20), run.err());
    assertTrue(run.out().contains("\"sample_count\""), run.out());
  }

  @Test
  void busyCommandOfThreeSecondsShowsAsThreeCpuSeconds() throws Exception {
    Processes.Run run =
        Processes.collector(
            dir,
            Map.of(),
            "--interval=250ms",
            "--top=100",
            "--",
            "sh",
            "-c",
            // `times` prints the CPU the shell's waited-for children used: the kernel's figure
            "timeout 3 sh -c 'while :; do :; done'; code=$?; times >&2; exit $code");
    Priority.raise(run.process().pid()); // before it forks the command, which inherits it
    assertEquals(124, run.waitFor(30), run.err()); // timeout's code for "time ran out"
    try (Jsonb jsonb = JsonbBuilder.create()) {
      RunSummary s = jsonb.fromJson(run.out().trim(), RunSummary.class);
      // the machine is shared: find our busy loop by name among the top consumers
      ProcessSummary sh =
          s.topCpuProcesses().stream()
              .filter(p -> p.name().equals("sh") && p.peakCpuPercent() > 50)
              .findFirst()
              .orElseThrow(() -> new AssertionError(run.out()));
      // The run lasts as long as the command; the busy loop ran all along.
      assertEquals(3.0, s.durationSeconds(), 0.4, run.out());
      double cpuSeconds = sh.avgCpuPercent() / 100 * s.durationSeconds();
      double kernelCpuSeconds = childrenCpuSeconds(run.err());
      assertEquals(kernelCpuSeconds, cpuSeconds, 0.4, run.out());
      Saturation.assertOneCore(cpuSeconds / 3, kernelCpuSeconds / 3, "busy child CPU-seconds / 3");
    }
  }

  /** Sums user and system time of the second line of {@code times}: {@code 0m2.950s 0m0.010s}. */
  private static double childrenCpuSeconds(String stderr) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d+)m([\\d.]+)s (\\d+)m([\\d.]+)s").matcher(stderr);
    double last = -1;
    while (m.find()) {
      last =
          Integer.parseInt(m.group(1)) * 60
              + Double.parseDouble(m.group(2))
              + Integer.parseInt(m.group(3)) * 60
              + Double.parseDouble(m.group(4));
    }
    if (last < 0) {
      throw new AssertionError("no times output in\n" + stderr);
    }
    return last;
  }

  @Test
  void launcherPassesArgumentsThroughAndKeepsTheExitCode() throws Exception {
    java.nio.file.Path launcher = java.nio.file.Path.of("..", "bin", "collector").toAbsolutePath();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        java.nio.file.Files.isExecutable(launcher), "no bin/collector next to the module");
    ProcessBuilder pb =
        new ProcessBuilder(
                launcher.toString(),
                "--interval",
                "200ms",
                "--top=1",
                "--",
                "sh",
                "-c",
                "sleep 0.3; exit 3")
            .redirectErrorStream(false)
            .redirectError(dir.resolve("launcher.err").toFile());
    pb.environment().put("COLLECTOR_JAR", Processes.jar().toAbsolutePath().toString());
    Process p = pb.start();
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(3, p.waitFor());
    assertTrue(out.contains("\"top_cpu_processes\""), out);
  }

  @Test
  void sigintIsForwardedToTheCommand() throws Exception {
    Processes.Run run =
        Processes.collector(
            dir,
            Map.of(),
            "--interval=200ms",
            "--",
            "sh",
            "-c",
            "trap 'exit 43' INT; while :; do sleep 0.05; done");
    run.awaitLog("tick 1:", 20);
    new ProcessBuilder("kill", "-INT", Long.toString(run.process().pid())).start().waitFor();
    assertEquals(43, run.waitFor(20), run.err());
    assertTrue(run.err().contains("SIGINT: forwarding"), run.err());
  }

  @Test
  void commandThatCannotStartExits127() throws Exception {
    Processes.Run run = Processes.collector(dir, Map.of(), "--", "/nonexistent/command");
    assertEquals(127, run.waitFor(20), run.err());
    assertTrue(run.err().contains("cannot start /nonexistent/command"), run.err());
  }

  @Test
  void sigtermIsForwardedToTheCommand() throws Exception {
    Processes.Run run =
        Processes.collector(
            dir,
            Map.of(),
            "--interval=200ms",
            "--",
            "sh",
            "-c",
            "trap 'exit 42' TERM; while :; do sleep 0.05; done");
    run.awaitLog("tick 1:", 20);
    run.process().destroy();
    assertEquals(42, run.waitFor(20), run.err());
    assertTrue(run.err().contains("forwarding"), run.err());
    assertTrue(run.out().contains("\"sample_count\""), run.out());
  }
}
