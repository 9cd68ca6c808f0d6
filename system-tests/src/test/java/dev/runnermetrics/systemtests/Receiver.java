package dev.runnermetrics.systemtests;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The real receiver, started through {@code bin/receiver} as users start it, on loopback. */
final class Receiver implements AutoCloseable {

  static final String READ_TOKEN = "e2e-read-token-0123456789";
  static final String HMAC_KEY = "e2e-hmac-key-9876543210";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final int port;
  final Path log;
  private final Process process;

  private Receiver(int port, Path log, Process process) {
    this.port = port;
    this.log = log;
    this.process = process;
  }

  /** A port nobody listens on right now. */
  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Starts {@code bin/receiver} in the seed's flag form, or with the secrets in the environment.
   */
  static Receiver start(int port, Path db, Path log, boolean secretsInEnv) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Repo.require(Repo.BIN_RECEIVER).toString());
    command.add("--addr=127.0.0.1:" + port);
    command.add("--db=" + db);
    ProcessBuilder builder = new ProcessBuilder(command);
    if (secretsInEnv) {
      builder.environment().put("RECEIVER_READ_TOKEN", READ_TOKEN);
      builder.environment().put("RECEIVER_HMAC_KEY", HMAC_KEY);
    } else {
      command.add("--read-token=" + READ_TOKEN);
      command.add("--hmac-key=" + HMAC_KEY);
    }
    builder.redirectErrorStream(true).redirectOutput(log.toFile());
    return new Receiver(port, log, builder.start());
  }

  /** Waits until the API answers an authorised query, or fails with the log's tail. */
  Receiver awaitReady(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "receiver exited with " + process.exitValue() + ":\n" + Processes.tail(log, 40));
      }
      try {
        if (get("/api/v1/metrics/repo/ready/ready/ready/ready", READ_TOKEN).statusCode() == 200) {
          return this;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "receiver not ready within " + timeout + ":\n" + Processes.tail(log, 40));
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + bearer)
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String bearer, String json)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri(path))
            .header("Authorization", "Bearer " + bearer)
            .header("Content-Type", "application/json")
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** Mints a push token with the read token, as the seed's README does with curl. */
  String mintToken(String organization, String repository, String workflow, String job)
      throws IOException, InterruptedException {
    try (Jsonb jsonb = JsonbBuilder.create()) {
      String body =
          jsonb.toJson(
              Map.of(
                  "organization", organization,
                  "repository", repository,
                  "workflow", workflow,
                  "job", job));
      HttpResponse<String> response = post("/api/v1/token", READ_TOKEN, body);
      if (response.statusCode() != 200 && response.statusCode() != 201) {
        throw new IllegalStateException(
            "token request: " + response.statusCode() + " " + response.body());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> answer = jsonb.fromJson(response.body(), Map.class);
      return (String) answer.get("token");
    } catch (IOException | InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception closing) {
      throw new IllegalStateException(closing);
    }
  }

  /** Stops the receiver with SIGTERM. */
  @Override
  public void close() throws InterruptedException {
    Processes.stop(process, Duration.ofSeconds(30));
  }
}
