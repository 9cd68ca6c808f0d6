package dev.runnermetrics.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Small helpers for the child processes a system test starts, and ends. */
final class Processes {

  private Processes() {}

  /** Sends SIGTERM (Process.destroy on Linux), waits, then SIGKILL if it is still there. */
  static int stop(Process process, Duration grace) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      process.waitFor();
    }
    return process.exitValue();
  }

  /** Kills a process and its descendants without waiting for grace. */
  static void kill(Process process) {
    if (process != null && process.isAlive()) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  /** Reads stdout lines until one equals {@code expected}, or fails after {@code timeout}. */
  static void awaitLine(Process process, String expected, Duration timeout)
      throws InterruptedException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Boolean> found =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String line;
                while ((line = out.readLine()) != null) {
                  if (line.equals(expected)) {
                    return true;
                  }
                }
                return false;
              } catch (IOException e) {
                return false;
              }
            });
    try {
      if (!found.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("process ended before printing '" + expected + "'");
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("no '" + expected + "' line within " + timeout, e);
    }
  }

  /** The last {@code n} lines of a log file, for failure messages. */
  /**
   * Waits until a log file contains {@code text}: a test waits for what the process did (its
   * ticks), not for wall-clock time that a loaded machine may spend starting the JVM.
   */
  static void awaitLog(Path log, String text, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      try {
        if (Files.exists(log) && Files.readString(log).contains(text)) {
          return;
        }
      } catch (java.io.IOException retry) {
        // being written: read again
      }
      Thread.sleep(50);
    }
    throw new AssertionError("no '" + text + "' in " + log + " after " + timeout);
  }

  static String tail(Path log, int n) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
