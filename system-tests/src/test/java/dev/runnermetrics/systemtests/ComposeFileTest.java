package dev.runnermetrics.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.quantity.Quantities;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * No Docker engine runs where the tests run, so the compose stress setup is checked by reading it:
 * it parses, everything it builds from exists, and it speaks the products' configuration.
 */
class ComposeFileTest {

  private static final Path COMPOSE = Repo.ROOT.resolve("test/docker/docker-compose-stress.yaml");

  /** Flags and environment names the collector itself documents in {@code --help}. */
  private static final Set<String> COLLECTOR_FLAGS = new TreeSet<>();

  private static final Set<String> COLLECTOR_ENV = new TreeSet<>();

  private static final Set<String> RECEIVER_ENV =
      Set.of("RECEIVER_READ_TOKEN", "RECEIVER_HMAC_KEY", "RECEIVER_DB");

  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws IOException, InterruptedException {
    Process help =
        new ProcessBuilder(Repo.require(Repo.BIN_COLLECTOR).toString(), "--help").start();
    String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, help.waitFor(), "collector --help failed");
    Matcher flag = Pattern.compile("(?m)^\\s+(--[a-z-]+)").matcher(text);
    while (flag.find()) {
      COLLECTOR_FLAGS.add(flag.group(1));
    }
    Matcher env = Pattern.compile("\\b([A-Z][A-Z_]{3,})\\b").matcher(text);
    while (env.find()) {
      COLLECTOR_ENV.add(env.group(1));
    }
    assertTrue(COLLECTOR_FLAGS.contains("--push-endpoint"), "unexpected --help:\n" + text);
    assertTrue(COLLECTOR_ENV.contains("CGROUP_LIMITS"), "unexpected --help:\n" + text);

    Map<String, Object> compose =
        new Yaml().load(Files.readString(COMPOSE, StandardCharsets.UTF_8));
    services = (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void receiverIsPublishedOn9080WithTheSeedsReadToken() {
    Map<String, Object> receiver = services.get("receiver");
    assertTrue(((List<?>) receiver.get("ports")).contains("9080:8080"), receiver.toString());
    Map<String, Object> env = env(receiver);
    assertEquals("dummyreadtoken", env.get("RECEIVER_READ_TOKEN"));
    assertTrue(RECEIVER_ENV.containsAll(env.keySet()), "unknown receiver env: " + env.keySet());
    assertTrue(env.containsKey("RECEIVER_HMAC_KEY"));
  }

  @Test
  void collectorSharesThePidNamespaceOfTheWorkloads() {
    Object pid = services.get("collector").get("pid");
    assertTrue(pid instanceof String && ((String) pid).startsWith("service:"), "pid: " + pid);
    String owner = ((String) pid).substring("service:".length());
    for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
      if (service.getKey().contains("stress")) {
        Object theirs = service.getValue().get("pid");
        assertTrue(
            pid.equals(theirs) || service.getKey().equals(owner),
            service.getKey() + " is not in the collector's PID namespace: " + theirs);
      }
    }
  }

  @Test
  void collectorSpeaksTheConfigurationKeysAndValidValues() throws Exception {
    Map<String, Object> collector = services.get("collector");
    Map<String, Object> env = env(collector);
    assertTrue(COLLECTOR_ENV.containsAll(env.keySet()), "unknown collector env: " + env.keySet());
    assertEquals("test-org", env.get("GITHUB_REPOSITORY_OWNER"));
    assertEquals("test-org/stress-test", env.get("GITHUB_REPOSITORY"));
    assertEquals("stress-test-workflow", env.get("GITHUB_WORKFLOW"));
    assertEquals("heavy-workload", env.get("GITHUB_JOB"));
    assertEquals("${COLLECTOR_PUSH_TOKEN}", env.get("COLLECTOR_PUSH_TOKEN"));
    try (Jsonb jsonb = JsonbBuilder.create()) {
      Map<?, ?> processMap = jsonb.fromJson((String) env.get("CGROUP_PROCESS_MAP"), Map.class);
      assertTrue(!processMap.isEmpty());
      Map<?, ?> limits = jsonb.fromJson((String) env.get("CGROUP_LIMITS"), Map.class);
      for (Map.Entry<?, ?> limit : limits.entrySet()) {
        Map<?, ?> values = (Map<?, ?>) limit.getValue();
        Quantities.cpuCores((String) values.get("cpu"));
        Quantities.bytes((String) values.get("memory"));
        assertTrue(
            processMap.containsValue(limit.getKey()),
            "limits for " + limit.getKey() + ", which no process maps to");
      }
    }
    for (Object arg : (List<?>) collector.get("command")) {
      String flag = ((String) arg).split("=", 2)[0];
      assertTrue(COLLECTOR_FLAGS.contains(flag), "unknown collector flag " + arg);
    }
    assertTrue(
        ((List<?>) collector.get("command"))
            .contains("--push-endpoint=http://receiver:8080/api/v1/metrics"));
  }

  @Test
  void everyBuildContextDockerfileAndCopiedFileExists() throws IOException {
    Path composeDir = COMPOSE.getParent();
    List<String> checked = new ArrayList<>();
    for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
      Object build = service.getValue().get("build");
      if (build == null) {
        assertTrue(service.getValue().containsKey("image"), service.getKey() + " has no image");
        continue;
      }
      Map<?, ?> spec = (Map<?, ?>) build;
      Path context = composeDir.resolve((String) spec.get("context")).normalize();
      Path dockerfile = context.resolve((String) spec.get("dockerfile"));
      assertTrue(Files.isRegularFile(dockerfile), dockerfile + " missing");
      for (String line : Files.readAllLines(dockerfile, StandardCharsets.UTF_8)) {
        String[] words = line.trim().split("\\s+");
        if (words[0].equals("COPY") || words[0].equals("ADD")) {
          for (int i = 1; i < words.length - 1; i++) {
            if (!words[i].startsWith("--")) {
              assertTrue(
                  Files.exists(context.resolve(words[i])),
                  dockerfile.getFileName() + " copies missing " + words[i]);
              checked.add(words[i]);
            }
          }
        }
      }
    }
    assertTrue(
        checked.containsAll(
            List.of(
                "receiver-war/target/receiver.war",
                "receiver-war/target/payara-micro.jar",
                "collector/target/collector.jar",
                "bin/collector")),
        "copied: " + checked);
    for (Map<String, Object> service : services.values()) {
      for (Object volume : (List<?>) service.getOrDefault("volumes", List.of())) {
        String source = ((String) volume).split(":")[0];
        if (source.startsWith(".")) {
          assertTrue(Files.exists(composeDir.resolve(source)), "volume source missing: " + source);
        }
      }
    }
  }

  @Test
  void collectorStopsGracefullyForLongerThanThePushTimeout() {
    String grace = (String) services.get("collector").get("stop_grace_period");
    assertTrue(grace.endsWith("s") && Integer.parseInt(grace.replace("s", "")) > 20, grace);
  }

  @Test
  @SuppressWarnings("unchecked")
  void readmePodSpecRunsTheCollectorAsASidecarOfTheJob() throws Exception {
    List<String> readme =
        Files.readAllLines(Repo.ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("```yaml");
    assertTrue(start >= 0, "README has no yaml block");
    int end = start + 1;
    while (!readme.get(end).equals("```")) {
      end++;
    }
    Map<String, Object> pod = new Yaml().load(String.join("\n", readme.subList(start + 1, end)));
    Map<String, Object> spec = (Map<String, Object>) pod.get("spec");
    assertEquals(Boolean.TRUE, spec.get("shareProcessNamespace"));
    assertTrue(
        ((Number) spec.get("terminationGracePeriodSeconds")).intValue() > 20,
        "grace period must exceed the 20 s push timeout");
    Map<String, Object> collector =
        ((List<Map<String, Object>>) spec.get("containers"))
            .stream().filter(c -> "collector".equals(c.get("name"))).findFirst().orElseThrow();
    for (Object arg : (List<?>) collector.get("args")) {
      String flag = ((String) arg).split("=", 2)[0];
      assertTrue(COLLECTOR_FLAGS.contains(flag), "unknown collector flag " + arg);
    }
    try (Jsonb jsonb = JsonbBuilder.create()) {
      for (Map<String, Object> var : (List<Map<String, Object>>) collector.get("env")) {
        String name = (String) var.get("name");
        assertTrue(COLLECTOR_ENV.contains(name), "unknown collector env " + name);
        if (name.equals("CGROUP_LIMITS")) {
          Map<?, ?> limits = jsonb.fromJson((String) var.get("value"), Map.class);
          for (Object limit : limits.values()) {
            Quantities.cpuCores((String) ((Map<?, ?>) limit).get("cpu"));
            Quantities.bytes((String) ((Map<?, ?>) limit).get("memory"));
          }
        }
        if (name.equals("COLLECTOR_PUSH_TOKEN")) {
          assertTrue(var.containsKey("valueFrom"), "the push token comes from a Secret");
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> env(Map<String, Object> service) {
    return (Map<String, Object>) service.get("environment");
  }
}
