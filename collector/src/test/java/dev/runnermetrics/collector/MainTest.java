package dev.runnermetrics.collector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.collector.config.Setting;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEverySettingWithItsEnvNameAndDefault() {
    assertEquals(0, run("--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    for (Setting s : Setting.ALL) {
      assertTrue(help.contains(s.env()), s.env());
      assertTrue(help.contains(s.flag()), s.flag());
    }
    assertTrue(help.contains("--interval       env COLLECTOR_INTERVAL          default 2s"), help);
    assertTrue(help.contains("--push-timeout   env COLLECTOR_PUSH_TIMEOUT      default 20s"), help);
  }

  @Test
  void versionPrintsOneLine() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("collector "));
  }

  @Test
  void invalidSettingExitsWithTwoAndOneLine() {
    assertEquals(2, run("--interval=fast"));
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, e.lines().count(), e);
    assertTrue(e.startsWith("collector: invalid --interval (COLLECTOR_INTERVAL) \"fast\""), e);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aTokenWithALineBreakInsideExitsWithTwoAndOneLineWithoutTheToken() {
    assertEquals(
        2, run("--push-endpoint=http://127.0.0.1:9/api/v1/metrics", "--push-token=s3cret\r\nX: y"));
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, e.lines().count(), e);
    assertTrue(e.contains("--push-token"), e);
    assertTrue(!e.contains("s3cret"), "token printed: " + e);
    assertEquals("", out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void anEndpointWithoutATokenExitsWithTwoAndOneLine() {
    assertEquals(2, run("--push-endpoint=http://127.0.0.1:9/api/v1/metrics", "--push-token= "));
    String e = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, e.lines().count(), e);
    assertTrue(e.contains("--push-token"), e);
  }
}
