package dev.runnermetrics.collector.config;

import dev.runnermetrics.collector.logging.LogFormat;
import dev.runnermetrics.collector.logging.LogLevel;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The {@code collector.*} settings; each is also env {@code COLLECTOR_*} and flag {@code --*}. */
@ConfigMapping(prefix = "collector")
public interface CollectorConfig {
  /** Time between ticks, Go syntax. */
  @WithDefault("2s")
  @WithConverter(GoDurationConverter.class)
  Duration interval();

  /** Root of the proc tree. */
  @WithDefault("/proc")
  String procPath();

  @WithDefault("info")
  LogLevel logLevel();

  @WithDefault("text")
  LogFormat logFormat();

  /** How many processes each top list holds. */
  @WithDefault("5")
  int top();

  /** Where to POST the summary; none: print it to stdout. */
  Optional<String> pushEndpoint();

  Optional<String> pushToken();

  /** Whether CPU of exited children, found in their parents' cutime/cstime, is counted. */
  @WithDefault("true")
  boolean countExited();

  /** Where container CPU comes from: the cgroup's own counter when readable, or always /proc. */
  @WithDefault("auto")
  CpuSourceMode cpuSource();

  /** How long delivering the summary may take, retries included. */
  @WithDefault("20s")
  @WithConverter(GoDurationConverter.class)
  Duration pushTimeout();
}
