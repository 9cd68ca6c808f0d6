package dev.runnermetrics.collector.config;

import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One documented setting: property, flag, env name, default and meaning; drives --help and the
 * parser. The flags are read off {@link CollectorConfig} (names, {@code @WithDefault}, {@link
 * Help}); the seed's environment variables, which have no flag and no default, are listed here.
 */
public record Setting(String property, String flag, String env, String defaultValue, String help) {
  /** The flags, in --help order, then the environment-only settings. */
  public static final List<Setting> ALL = all();

  private static List<Setting> all() {
    List<Setting> all = new ArrayList<>();
    mapped().forEach(m -> all.add(flag(m)));
    all.add(
        env(
            "GITHUB_REPOSITORY_OWNER",
            "organization of the run (default: the part of GITHUB_REPOSITORY before /)"));
    all.add(env("GITHUB_REPOSITORY", "repository, org/name or name"));
    all.add(env("GITHUB_WORKFLOW", "workflow file name"));
    all.add(env("GITHUB_JOB", "job name"));
    all.add(env("GITHUB_RUN_ID", "run identifier (default: a random id)"));
    all.add(
        env(
            "CGROUP_PROCESS_MAP",
            "JSON process name -> container name, e.g. {\"node\":\"runner\"}"));
    all.add(env("CGROUP_LIMITS", "JSON container -> {\"cpu\":\"500m\",\"memory\":\"256Mi\"}"));
    return List.copyOf(all);
  }

  /** The methods of the mapping, in --help order. */
  static List<Method> mapped() {
    return Arrays.stream(CollectorConfig.class.getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(Help.class))
        .sorted(Comparator.comparingInt(m -> m.getAnnotation(Help.class).order()))
        .toList();
  }

  /** The property of a mapping method: {@code procPath} → {@code collector.proc-path}. */
  static String property(Method m) {
    return "collector."
        + m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }

  /** The mapping method of a {@code collector.*} property. */
  static Optional<Method> method(String property) {
    return mapped().stream().filter(m -> property(m).equals(property)).findFirst();
  }

  /** The converter a mapping method names, if any. */
  static Optional<Class<?>> converter(Method m) {
    WithConverter c = m.getAnnotation(WithConverter.class);
    return c == null ? Optional.empty() : Optional.of(c.value());
  }

  private static Setting flag(Method m) {
    String property = property(m);
    WithDefault def = m.getAnnotation(WithDefault.class);
    return new Setting(
        property,
        "--" + property.substring("collector.".length()),
        envName(property),
        def == null ? "" : def.value(),
        m.getAnnotation(Help.class).value());
  }

  private static Setting env(String env, String help) {
    return new Setting(
        env.toLowerCase(Locale.ROOT).replaceFirst("_", ".").replace('_', '-'), "", env, "", help);
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
