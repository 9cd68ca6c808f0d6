package dev.runnermetrics.collector.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts the collector jar and test children as real processes. */
final class Processes {
  static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private Processes() {}

  /** The collector reads Linux's /proc: elsewhere these tests are skipped, saying why. */
  static void requireLinuxProc() {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isRegularFile(Path.of("/proc/stat"))
            && Files.isRegularFile(Path.of("/proc/self/stat")),
        "no Linux /proc here: process-level collector tests skipped");
  }

  static Path jar() {
    Path jar = Path.of(System.getProperty("collector.jar", "target/collector.jar"));
    assertTrue(Files.isRegularFile(jar), "build the jar first: " + jar);
    return jar;
  }

  /** A running collector whose stdout and stderr go to files. */
  record Run(Process process, Path stdout, Path stderr) {
    int waitFor(long seconds) throws InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("collector did not exit in " + seconds + " s; stderr:\n" + err());
      }
      return process.exitValue();
    }

    String out() {
      return read(stdout);
    }

    String err() {
      return read(stderr);
    }

    /** Waits until stderr contains {@code text}. */
    void awaitLog(String text, long seconds) throws InterruptedException {
      long end = System.nanoTime() + seconds * 1_000_000_000L;
      while (System.nanoTime() < end) {
        if (err().contains(text)) {
          return;
        }
        if (!process.isAlive()) {
          throw new AssertionError("collector exited " + process.exitValue() + ":\n" + err());
        }
        Thread.sleep(20);
      }
      throw new AssertionError("no '" + text + "' in " + seconds + " s; stderr:\n" + err());
    }
  }

  static Run collector(Path dir, Map<String, String> env, String... args) throws IOException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                JAVA,
                "-XX:+UseSerialGC",
                "-Xmx32m",
                "-XX:TieredStopAtLevel=1",
                "-jar",
                jar().toString()));
    cmd.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    // A clean environment: only what the test sets, plus PATH for the wrapped commands.
    pb.environment()
        .keySet()
        .removeIf(
            k -> k.startsWith("GITHUB_") || k.startsWith("COLLECTOR_") || k.startsWith("CGROUP_"));
    pb.environment().putAll(env);
    return new Run(pb.start(), out, err);
  }

  /**
   * The command line of a {@link Child} JVM; {@code javaBinary} may be a link, whose name becomes
   * the comm.
   */
  static List<String> child(String javaBinary, String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                javaBinary,
                "-XX:+UseSerialGC",
                "-Xmx64m",
                "-XX:MaxDirectMemorySize=512m",
                "-XX:TieredStopAtLevel=1",
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                Child.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Waits until a file (a child's redirected stdout) contains {@code text}. */
  static void awaitFile(Path file, String text, long seconds) throws InterruptedException {
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    while (System.nanoTime() < end) {
      if (Files.exists(file) && read(file).contains(text)) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("no '" + text + "' in " + file + " after " + seconds + " s");
  }

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
