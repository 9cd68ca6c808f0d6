package dev.runnermetrics.receiver.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The receiver as users run it: {@code java -jar payara-micro.jar receiver.war} (or {@code
 * bin/receiver}) in its own process, bound to 127.0.0.1 on a free port, output in a log file.
 */
public final class ReceiverProcess implements AutoCloseable {

  static final Duration STARTUP = Duration.ofSeconds(Long.getLong("it.startup.timeout", 180));

  private final Process process;
  private final Path log;
  private final int port;

  private ReceiverProcess(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts {@code java -jar payara-micro.jar receiver.war} with exactly {@code env} added. */
  public static ReceiverProcess javaJar(Map<String, String> env, Path log) {
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                javaBin(),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-jar",
                System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--nohazelcast",
                "--disablephonehome",
                "--port",
                String.valueOf(port),
                "--prebootcommandfile",
                System.getProperty("receiver.preboot", "../config/payara/preboot-loopback.asadmin"),
                System.getProperty("receiver.war", "target/receiver.war")));
    return start(command, env, log, port);
  }

  /**
   * As {@link #javaJar}, run through {@code prefix} (e.g. {@code setpriv --reuid=nobody …}, to
   * start the receiver as another user).
   */
  public static ReceiverProcess javaJarAs(List<String> prefix, Map<String, String> env, Path log) {
    int port = freePort();
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            javaBin(),
            "-Xmx128m",
            "-XX:+UseSerialGC",
            "-jar",
            Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar"))
                .toAbsolutePath()
                .toString(),
            "--nohazelcast",
            "--disablephonehome",
            "--port",
            String.valueOf(port),
            "--prebootcommandfile",
            Path.of(
                    System.getProperty(
                        "receiver.preboot", "../config/payara/preboot-loopback.asadmin"))
                .toAbsolutePath()
                .toString(),
            Path.of(System.getProperty("receiver.war", "target/receiver.war"))
                .toAbsolutePath()
                .toString()));
    return start(command, env, log, port);
  }

  /** Starts {@code bin/receiver} with the seed's flags on 127.0.0.1 and a free port. */
  public static ReceiverProcess launcher(List<String> flags, Map<String, String> env, Path log) {
    int port = freePort();
    List<String> command = new ArrayList<>();
    command.add(Path.of("..", "bin", "receiver").toAbsolutePath().normalize().toString());
    command.add("--addr=127.0.0.1:" + port);
    command.addAll(flags);
    return start(command, env, log, port);
  }

  private static ReceiverProcess start(
      List<String> command, Map<String, String> env, Path log, int port) {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("RECEIVER_"));
    builder.environment().putAll(env);
    builder
        .environment()
        .put(
            "RECEIVER_WAR",
            Path.of(System.getProperty("receiver.war", "target/receiver.war"))
                .toAbsolutePath()
                .toString());
    builder
        .environment()
        .put(
            "RECEIVER_PAYARA_JAR",
            Path.of(System.getProperty("payara.microJar", "target/payara-micro.jar"))
                .toAbsolutePath()
                .toString());
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    try {
      Files.createDirectories(log.getParent());
      return new ReceiverProcess(builder.start(), log, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The API base on loopback. */
  public URI base() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** Waits until /health/ready answers 200; fails with the log when the process dies first. */
  public ReceiverProcess awaitReady(Receiver client) throws InterruptedException {
    Instant deadline = Instant.now().plus(STARTUP);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new AssertionError("receiver exited with " + process.exitValue() + ":\n" + output());
      }
      try {
        if (client.ready()) {
          return this;
        }
      } catch (IllegalStateException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("receiver not ready within " + STARTUP + ":\n" + output());
  }

  /** Whether the process is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the process to end by itself and returns its exit code. */
  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(STARTUP.toSeconds(), TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("receiver did not exit:\n" + output());
    }
    return process.exitValue();
  }

  /** SIGTERM and wait: Payara Micro shuts down in order. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  /** SIGKILL: no shutdown hooks, no chance to flush anything. */
  public void kill() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }

  /** Everything the process wrote so far. */
  public String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
