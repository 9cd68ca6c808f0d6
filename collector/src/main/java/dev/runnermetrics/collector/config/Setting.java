package dev.runnermetrics.collector.config;

import java.util.List;
import java.util.Optional;

/**
 * One documented setting: property, flag, env name, default and meaning; drives --help and the
 * parser.
 */
public record Setting(String property, String flag, String env, String defaultValue, String help) {
  public static final List<Setting> ALL =
      List.of(
          flag("interval", "2s", "time between samples, Go duration (500ms, 2s, 1m, 1h30m)"),
          flag("proc-path", "/proc", "root of the proc filesystem to read"),
          flag("log-level", "info", "debug, info, warn or error"),
          flag("log-format", "text", "text or json (one object per line), on stderr"),
          flag("top", "5", "processes in each top list (by CPU, by memory)"),
          flag(
              "push-endpoint",
              "",
              "receiver URL, e.g. http://receiver:8080/api/v1/metrics; none: print the summary to stdout"),
          flag("push-token", "", "bearer token for the push endpoint"),
          flag("push-timeout", "20s", "time allowed for delivering the summary, retries included"),
          flag(
              "count-exited",
              "true",
              "count CPU of exited children from their parents' cutime/cstime (false: plain per-process sum)"),
          flag(
              "cpu-source",
              "auto",
              "auto: a container's CPU from its cgroup's kernel counter when readable, else /proc; proc: always /proc"),
          env(
              "GITHUB_REPOSITORY_OWNER",
              "organization of the run (default: the part of GITHUB_REPOSITORY before /)"),
          env("GITHUB_REPOSITORY", "repository, org/name or name"),
          env("GITHUB_WORKFLOW", "workflow file name"),
          env("GITHUB_JOB", "job name"),
          env("GITHUB_RUN_ID", "run identifier (default: a random id)"),
          env(
              "CGROUP_PROCESS_MAP",
              "JSON process name -> container name, e.g. {\"node\":\"runner\"}"),
          env("CGROUP_LIMITS", "JSON container -> {\"cpu\":\"500m\",\"memory\":\"256Mi\"}"));

  private static Setting flag(String name, String def, String help) {
    String property = "collector." + name;
    return new Setting(property, "--" + name, envName(property), def, help);
  }

  private static Setting env(String env, String help) {
    return new Setting(
        env.toLowerCase(java.util.Locale.ROOT).replaceFirst("_", ".").replace('_', '-'),
        "",
        env,
        "",
        help);
  }

  /** MicroProfile Config's env name of a property: non-alphanumerics to {@code _}, upper case. */
  static String envName(String property) {
    StringBuilder sb = new StringBuilder(property.length());
    for (char c : property.toCharArray()) {
      sb.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
    }
    return sb.toString();
  }

  public static Optional<Setting> byFlagName(String name) {
    return ALL.stream().filter(s -> s.flag().equals("--" + name)).findFirst();
  }

  public static Optional<Setting> byProperty(String property) {
    return ALL.stream().filter(s -> s.property().equals(property)).findFirst();
  }

  /** How the setting is named in messages: {@code --interval (COLLECTOR_INTERVAL)}. */
  public String label() {
    return flag.isEmpty() ? env : flag + " (" + env + ")";
  }
}
