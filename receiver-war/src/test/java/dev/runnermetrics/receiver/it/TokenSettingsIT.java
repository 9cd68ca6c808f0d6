package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.token.PushTokens;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The token and hardening settings on a real receiver process: bad values stop it with one line
 * naming the setting (never the value), and good ones take effect; malformed URLs stay out of the
 * log.
 */
class TokenSettingsIT {

  private static final String READ = "settings-read-token-0123456789";
  private static final String KEY = "settings-new-hmac-key-0123456789";
  private static final String OLD_KEY = "settings-old-hmac-key-0123456789";

  @TempDir Path dir;

  private Path log(String name) {
    return Path.of("target", "it", "process", name + "-" + System.nanoTime() + ".log");
  }

  private Map<String, String> env(String db, Map<String, String> more) {
    Map<String, String> env = new HashMap<>(more);
    env.put("RECEIVER_READ_TOKEN", READ);
    env.put("RECEIVER_HMAC_KEY", KEY);
    env.put("RECEIVER_DB", dir.resolve(db).toString());
    return env;
  }

  @Test
  void aBadValueStopsTheReceiverWithOneLineNamingTheSetting() throws Exception {
    // One boot proves the wiring (each is a full Payara Micro start); CredentialsTest,
    // TokenLifetimesTest, PublicLinksTest and MetricsAccessTest hold every setting's message.
    Map<String, String> env = env("bad.db", Map.of("RECEIVER_PREVIOUS_HMAC_KEYS", OLD_KEY + ",,"));
    try (ReceiverProcess receiver = ReceiverProcess.javaJar(env, log("bad-setting"))) {
      int exit = receiver.awaitExit();
      String output = receiver.output();
      assertEquals(2, exit, output);
      assertTrue(
          output
              .lines()
              .anyMatch(l -> l.startsWith("receiver: receiver.previous-hmac-keys has an empty")),
          output);
      assertFalse(output.contains(OLD_KEY) || output.contains(KEY), "no key in the output");
    }
  }

  @Test
  void previousKeysVerifyPlainTokensAreRefusedAndMalformedUrlsStayOutOfTheLog() throws Exception {
    Map<String, String> env =
        env(
            "rotation.db",
            Map.of(
                "RECEIVER_PREVIOUS_HMAC_KEYS", "some-older-key-0123456789, " + OLD_KEY,
                "RECEIVER_REFUSE_PLAIN_TOKENS", "true",
                "RECEIVER_METRICS_PUBLIC", "true",
                "RECEIVER_TOKEN_MAX_LIFETIME", "7d",
                "RECEIVER_TOKEN_DEFAULT_LIFETIME", "4h"));
    try (ReceiverProcess process = ReceiverProcess.javaJar(env, log("rotation"))) {
      Receiver receiver = new Receiver(process.base(), READ);
      process.awaitReady(receiver);
      String[] s = {"rot-org", "rot-org/repo", "ci.yml", "build"};
      Scope scope = Scope.of(s[0], s[1], s[2], s[3]);

      String oldToken = PushTokens.withKey(OLD_KEY).mint(scope, Instant.now().plusSeconds(3600));
      HttpResponse<String> old =
          receiver.push(oldToken, Bodies.push(s[0], s[1], s[2], s[3], "r1"), null);
      assertEquals(
          201, old.statusCode(), "a token of the previous key still pushes: " + old.body());

      String newToken = receiver.mint(s[0], s[1], s[2], s[3]);
      assertTrue(PushTokens.withKey(KEY).matches(newToken, scope), "new tokens are the new key's");
      long lifetime = Long.parseLong(newToken.split("\\.")[1]) - Instant.now().getEpochSecond();
      assertTrue(lifetime > 3 * 3600 && lifetime <= 4 * 3600, "default lifetime 4h: " + lifetime);
      HttpResponse<String> pushed =
          receiver.push(newToken, Bodies.push(s[0], s[1], s[2], s[3], "r2"), null);
      assertEquals(201, pushed.statusCode(), pushed.body());

      HttpResponse<String> plain =
          receiver.push(
              PushTokens.withKey(KEY).mint(scope), Bodies.push(s[0], s[1], s[2], s[3], "r3"), null);
      assertEquals(401, plain.statusCode(), plain.body());
      assertTrue(plain.body().contains("receiver.refuse-plain-tokens"), plain.body());
      assertEquals(2, receiver.runs(s[0], s[1], s[2], s[3], "").size());

      assertEquals(200, receiver.get("metrics", null).statusCode(), "made public by the setting");

      for (int i = 0; i < 20; i++) {
        for (String path : List.of("api/v1/metrics/%zz", "%zz", "api/v1/token%", "health/%zz")) {
          rawGet(process.base(), "/" + path);
        }
      }
      assertTrue(receiver.ready(), "still ready after malformed URLs");
      // A push logs a line of its own: once it is in the log, so is whatever came before it. (If
      // that line ever goes, the wait ends after a few seconds and the checks still run.)
      assertEquals(
          201,
          receiver.push(newToken, Bodies.push(s[0], s[1], s[2], s[3], "r4"), null).statusCode());
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (!process.output().contains("run_id=r4") && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      String output = process.output();
      assertFalse(output.contains("URLDecoder"), "no malformed-URL trace in the log");
      assertFalse(output.contains("SEVERE"), "nothing severe in the log:\n" + output);
      for (String secret : List.of(READ, KEY, OLD_KEY, oldToken, newToken)) {
        assertFalse(output.contains(secret), "no secret or token in the log");
      }
    }
  }

  /** A GET of a raw request target, which java.net.URI refuses to carry when malformed. */
  private static String rawGet(URI base, String target) throws IOException {
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      socket.setSoTimeout(60_000);
      String head =
          "GET "
              + target
              + " HTTP/1.1\r\nHost: "
              + base.getHost()
              + ":"
              + base.getPort()
              + "\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
