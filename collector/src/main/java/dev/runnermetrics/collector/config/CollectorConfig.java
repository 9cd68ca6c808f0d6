package dev.runnermetrics.collector.config;

import dev.runnermetrics.collector.logging.LogFormat;
import dev.runnermetrics.collector.logging.LogLevel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The {@code collector.*} settings, the one place of their names, defaults and help: each is also
 * env {@code COLLECTOR_*} and flag {@code --*} ({@link Setting} is derived from here).
 */
@ConfigMapping(prefix = "collector")
public interface CollectorConfig {
  @Help(order = 1, value = "time between samples, Go duration (500ms, 2s, 1m, 1h30m)")
  @WithDefault("2s")
  @WithConverter(GoDurationConverter.class)
  Duration interval();

  @Help(order = 2, value = "root of the proc filesystem to read")
  @WithDefault("/proc")
  String procPath();

  @Help(
      order = 3,
      value = "debug, info, warn or error",
      invalid = "must be debug, info, warn or error")
  @WithDefault("info")
  LogLevel logLevel();

  @Help(
      order = 4,
      value = "text or json (one object per line), on stderr",
      invalid = "must be text or json")
  @WithDefault("text")
  LogFormat logFormat();

  @Help(
      order = 5,
      value = "processes in each top list (by CPU, by memory)",
      invalid = "must be a whole number")
  @WithDefault("5")
  int top();

  @Help(
      order = 6,
      value =
          "receiver URL, e.g. http://receiver:8080/api/v1/metrics; none: print the summary to"
              + " stdout")
  Optional<String> pushEndpoint();

  @Help(order = 7, value = "bearer token for the push endpoint (needed with --push-endpoint)")
  Optional<String> pushToken();

  @Help(order = 8, value = "time allowed for delivering the summary, retries included")
  @WithDefault("20s")
  @WithConverter(GoDurationConverter.class)
  Duration pushTimeout();

  @Help(
      order = 9,
      value =
          "count CPU of exited children from their parents' cutime/cstime (false: plain"
              + " per-process sum)",
      invalid = "must be true or false")
  @WithDefault("true")
  boolean countExited();

  @Help(
      order = 10,
      value =
          "auto: a container's figures from its cgroup's kernel files when readable, else /proc;"
              + " proc: always /proc",
      invalid = "must be auto or proc")
  @WithDefault("auto")
  CpuSourceMode cpuSource();
}
