package dev.runnermetrics.collector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.collector.logging.LogFormat;
import dev.runnermetrics.collector.logging.LogLevel;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

  private static Settings load(Map<String, String> env, String... args) {
    return Settings.load(CommandLine.parse(args), env);
  }

  @Test
  void defaultsMatchTheSeed() {
    Settings s = load(Map.of());
    assertEquals(Duration.ofSeconds(2), s.interval());
    assertEquals(Path.of("/proc"), s.procPath());
    assertEquals(LogLevel.INFO, s.logLevel());
    assertEquals(LogFormat.TEXT, s.logFormat());
    assertEquals(5, s.top());
    assertEquals(Optional.empty(), s.pushEndpoint());
    assertEquals(Optional.empty(), s.pushToken());
    assertEquals(Duration.ofSeconds(20), s.pushTimeout());
    assertEquals(List.of(), s.command());
    assertTrue(s.countExited());
    assertEquals(CpuSourceMode.AUTO, s.cpuSource());
  }

  @Test
  void accountingSwitchesForTheBenchmark() {
    Settings s = load(Map.of("COLLECTOR_COUNT_EXITED", "false"), "--cpu-source=proc");
    assertFalse(s.countExited());
    assertEquals(CpuSourceMode.PROC, s.cpuSource());
  }

  @Test
  void flagsInBothFormsWinOverEnvironment() {
    Settings s =
        load(
            Map.of(
                "COLLECTOR_INTERVAL", "5s", "COLLECTOR_TOP", "7", "COLLECTOR_LOG_FORMAT", "json"),
            "--interval=500ms",
            "--top",
            "10",
            "-log-level=debug");
    assertEquals(Duration.ofMillis(500), s.interval());
    assertEquals(10, s.top());
    assertEquals(LogLevel.DEBUG, s.logLevel());
    assertEquals(LogFormat.JSON, s.logFormat()); // from env
  }

  @Test
  void seedEnvironmentIsRead() {
    Settings s =
        load(
            Map.of(
                "COLLECTOR_PUSH_TOKEN", "t0ken",
                "GITHUB_REPOSITORY", "my-org/my-repo",
                "GITHUB_WORKFLOW", "ci.yml",
                "GITHUB_JOB", "build",
                "GITHUB_RUN_ID", "run-123",
                "CGROUP_PROCESS_MAP", "{\"node\":\"runner\"}",
                "CGROUP_LIMITS", "{\"runner\":{\"cpu\":\"500m\"}}"),
            "--push-endpoint=http://receiver:8080/api/v1/metrics");
    assertEquals(Optional.of(URI.create("http://receiver:8080/api/v1/metrics")), s.pushEndpoint());
    assertEquals(Optional.of("t0ken"), s.pushToken());
    assertEquals(
        "my-org", s.scope().orElseThrow().organization()); // owner derived from the repository
    assertEquals("my-org/my-repo", s.scope().orElseThrow().repository());
    assertEquals("run-123", s.runId());
    assertEquals(Optional.of("runner"), s.processMap().containerFor("node"));
    assertEquals(Optional.of(0.5), s.limits().cpuCores("runner"));
  }

  @Test
  void wrappedCommandFollowsDoubleDash() {
    Settings s = load(Map.of(), "--interval", "1s", "--", "make", "-j4", "--interval=9s");
    assertEquals(List.of("make", "-j4", "--interval=9s"), s.command());
    assertEquals(Duration.ofSeconds(1), s.interval());
  }

  @Test
  void helpAndVersionAreFlags() {
    assertTrue(CommandLine.parse("--help").help());
    assertTrue(CommandLine.parse("--version").version());
    assertFalse(CommandLine.parse().help());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--interval=2x | --interval (COLLECTOR_INTERVAL) \"2x\"",
        "--interval=0s | --interval (COLLECTOR_INTERVAL) \"0s\"",
        "--push-timeout=soon | --push-timeout (COLLECTOR_PUSH_TIMEOUT) \"soon\"",
        "--top=-1 | --top (COLLECTOR_TOP) \"-1\"",
        "--top=many | --top (COLLECTOR_TOP) \"many\"",
        "--log-level=loud | --log-level (COLLECTOR_LOG_LEVEL) \"loud\"",
        "--log-format=xml | --log-format (COLLECTOR_LOG_FORMAT) \"xml\"",
        "--push-endpoint=ftp://x | --push-endpoint (COLLECTOR_PUSH_ENDPOINT) \"ftp://x\"",
        "--nope=1 | flag \"--nope=1\"",
        "--count-exited=nah | --count-exited (COLLECTOR_COUNT_EXITED) \"nah\"",
        "--cpu-source=kernel | --cpu-source (COLLECTOR_CPU_SOURCE) \"kernel\"",
        "stray | argument \"stray\"",
        "--interval | --interval (COLLECTOR_INTERVAL) \"\"",
        "--proc-path=/nonexistent | --proc-path (COLLECTOR_PROC_PATH) \"/nonexistent\""
      })
  void invalidFlagsNameTheSettingAndValue(String arg, String expected) {
    SettingException e = assertThrows(SettingException.class, () -> load(Map.of(), arg));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void invalidEnvironmentJsonNamesTheVariable() {
    SettingException map =
        assertThrows(
            SettingException.class, () -> load(Map.of("CGROUP_PROCESS_MAP", "{node:runner}")));
    assertTrue(
        map.getMessage().startsWith("invalid CGROUP_PROCESS_MAP \"{node:runner}\""),
        map.getMessage());
    SettingException limits =
        assertThrows(
            SettingException.class,
            () -> load(Map.of("CGROUP_LIMITS", "{\"runner\":{\"memory\":\"1Qi\"}}")));
    assertTrue(limits.getMessage().contains("CGROUP_LIMITS"), limits.getMessage());
    assertTrue(limits.getMessage().contains("1Qi"), limits.getMessage());
  }

  @Test
  void pushingNeedsAScope() {
    SettingException e =
        assertThrows(
            SettingException.class,
            () ->
                load(
                    Map.of(
                        "GITHUB_REPOSITORY",
                        "o/r",
                        "GITHUB_WORKFLOW",
                        "ci.yml",
                        "COLLECTOR_PUSH_TOKEN",
                        "t0ken"),
                    "--push-endpoint=http://h/x"));
    assertTrue(e.getMessage().contains("GITHUB_JOB"), e.getMessage());
  }

  @Test
  void idempotencyKeyIsAUuidAndStandsInForAMissingRunId() {
    Settings s = load(Map.of());
    assertEquals(36, s.idempotencyKey().length());
    assertEquals(s.idempotencyKey(), s.runId());
  }

  private static final Map<String, String> SCOPE =
      Map.of("GITHUB_REPOSITORY", "o/r", "GITHUB_WORKFLOW", "ci.yml", "GITHUB_JOB", "build");

  @Test
  void aTokenLosesSurroundingWhitespaceSuchAsAWindowsLineEnd() {
    Map<String, String> env = new java.util.HashMap<>(SCOPE);
    env.put("COLLECTOR_PUSH_TOKEN", "  abc123\r\n");
    Settings s = load(env, "--push-endpoint=http://h/x");
    assertEquals(Optional.of("abc123"), s.pushToken());
  }

  @ParameterizedTest
  @CsvSource({"'abc\\r\\ndef'", "'abc def'", "'ab\\u00e9c'", "'abc\\u0000'"})
  void aTokenAHeaderCannotCarryIsRefusedWithoutShowingIt(String escaped) {
    String token =
        escaped.replace("\\u00e9", "\u00e9").replace("\\u0000", "\u0000").translateEscapes();
    Map<String, String> env = new java.util.HashMap<>(SCOPE);
    env.put("COLLECTOR_PUSH_TOKEN", token);
    SettingException e =
        assertThrows(SettingException.class, () -> load(env, "--push-endpoint=http://h/x"));
    assertTrue(e.getMessage().contains("COLLECTOR_PUSH_TOKEN"), e.getMessage());
    assertFalse(e.getMessage().contains("abc"), "the token is never shown: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void anEndpointWithoutATokenIsRefused() {
    SettingException e =
        assertThrows(SettingException.class, () -> load(SCOPE, "--push-endpoint=http://h/x"));
    assertTrue(e.getMessage().contains("COLLECTOR_PUSH_TOKEN"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }
}
