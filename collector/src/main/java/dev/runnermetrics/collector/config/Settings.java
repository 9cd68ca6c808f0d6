package dev.runnermetrics.collector.config;

import dev.runnermetrics.collector.grouping.ContainerLimits;
import dev.runnermetrics.collector.grouping.ProcessMap;
import dev.runnermetrics.collector.logging.LogFormat;
import dev.runnermetrics.collector.logging.LogLevel;
import dev.runnermetrics.common.scope.InvalidScopeException;
import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.Limits;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SysPropConfigSource;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Every setting, converted and checked once at start-up. Sources, strongest first: command line
 * (500), system properties (400), environment (300), {@code
 * META-INF/microprofile-config.properties} (100), the mapping's defaults.
 */
public final class Settings {
  static final int COMMAND_LINE_ORDINAL = 500;

  private final CollectorConfig config;
  private final ProcessMap processMap;
  private final ContainerLimits limits;
  private final Optional<URI> pushEndpoint;
  private final Optional<String> pushToken;
  private final Optional<Scope> scope;
  private final String runId;
  private final String idempotencyKey;
  private final List<String> command;

  private Settings(
      CollectorConfig config,
      ProcessMap processMap,
      ContainerLimits limits,
      Optional<URI> pushEndpoint,
      Optional<String> pushToken,
      Optional<Scope> scope,
      String runId,
      String idempotencyKey,
      List<String> command) {
    this.config = config;
    this.processMap = processMap;
    this.limits = limits;
    this.pushEndpoint = pushEndpoint;
    this.pushToken = pushToken;
    this.scope = scope;
    this.runId = runId;
    this.idempotencyKey = idempotencyKey;
    this.command = List.copyOf(command);
  }

  /**
   * Reads and checks everything.
   *
   * @param env the environment (the real one in production, a map in tests)
   * @throws SettingException naming the first setting and value that cannot be used
   */
  public static Settings load(CommandLine commandLine, Map<String, String> env) {
    SmallRyeConfig raw;
    CollectorConfig config;
    try {
      raw = builder(commandLine, env).withMapping(CollectorConfig.class).build();
      config = raw.getConfigMapping(CollectorConfig.class);
    } catch (ConfigValidationException
        | IllegalArgumentException
        | java.util.NoSuchElementException e) {
      // Only on failure: a second, unmapped config to find which value our converters reject.
      raw = builder(commandLine, env).build();
      checkRaw(raw);
      String message =
          e instanceof ConfigValidationException v && v.getProblemCount() > 0
              ? v.getProblem(0).getMessage()
              : String.valueOf(e.getMessage());
      throw new SettingException(firstLine(message));
    }
    // SmallRye reads any unknown word as false: a typo must not switch accounting off silently.
    Optional<String> countExited = value(raw, "collector.count-exited");
    if (countExited.isPresent()
        && !countExited.get().trim().matches("(?i)true|false|yes|no|on|off|1|0")) {
      throw new SettingException(
          label("collector.count-exited"), countExited.get(), "must be true or false");
    }
    if (config.top() < 0 || config.top() > Limits.MAX_TOP_PROCESSES) {
      throw new SettingException(
          label("collector.top"),
          String.valueOf(config.top()),
          "must be 0 to " + Limits.MAX_TOP_PROCESSES);
    }
    if (!java.nio.file.Files.isRegularFile(Path.of(config.procPath(), "stat"))) {
      throw new SettingException(
          label("collector.proc-path"), config.procPath(), "not a proc filesystem (no stat file)");
    }
    Optional<URI> endpoint =
        config.pushEndpoint().filter(s -> !s.isBlank()).map(Settings::endpoint);
    Optional<String> pushToken = config.pushToken().map(String::strip).filter(t -> !t.isEmpty());
    pushToken.ifPresent(Settings::checkToken);
    if (endpoint.isPresent() && pushToken.isEmpty()) {
      throw new SettingException(
          label("collector.push-endpoint")
              + " is set but "
              + label("collector.push-token")
              + " is not: the receiver refuses a push without its token");
    }

    ProcessMap processMap =
        value(raw, "cgroup.process-map")
            .map(json -> parse("CGROUP_PROCESS_MAP", json, ProcessMap::parse))
            .orElse(ProcessMap.empty());
    ContainerLimits limits =
        value(raw, "cgroup.limits")
            .map(json -> parse("CGROUP_LIMITS", json, ContainerLimits::parse))
            .orElse(ContainerLimits.none());

    String idempotencyKey = UUID.randomUUID().toString();
    Optional<String> repository = value(raw, "github.repository");
    Optional<String> owner =
        value(raw, "github.repository-owner")
            .or(
                () ->
                    repository
                        .filter(r -> r.indexOf('/') > 0)
                        .map(r -> r.substring(0, r.indexOf('/'))));
    Optional<Scope> scope = Optional.empty();
    if (endpoint.isPresent()) {
      try {
        scope =
            Optional.of(
                Scope.of(
                    owner.orElse(null),
                    repository.orElse(null),
                    value(raw, "github.workflow").orElse(null),
                    value(raw, "github.job").orElse(null)));
      } catch (InvalidScopeException e) {
        throw new SettingException(
            "scope for --push-endpoint: " + scopeEnv(e.field()) + " " + e.getMessage());
      }
    }
    String runId = value(raw, "github.run-id").orElse(idempotencyKey);
    return new Settings(
        config,
        processMap,
        limits,
        endpoint,
        pushToken,
        scope,
        runId,
        idempotencyKey,
        commandLine.command());
  }

  private static String scopeEnv(String field) {
    return switch (field) {
      case "organization" -> "GITHUB_REPOSITORY_OWNER";
      case "repository" -> "GITHUB_REPOSITORY";
      case "workflow" -> "GITHUB_WORKFLOW";
      case "job" -> "GITHUB_JOB";
      default -> field;
    };
  }

  private static SmallRyeConfigBuilder builder(CommandLine commandLine, Map<String, String> env) {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .addPropertiesSources()
        .withValidateUnknown(false)
        .withSources(
            new PropertiesConfigSource(
                commandLine.properties(), "command line", COMMAND_LINE_ORDINAL),
            new SysPropConfigSource(),
            new EnvConfigSource(env, EnvConfigSource.ORDINAL));
  }

  /**
   * Finds the first {@code collector.*} value that the mapping's own converters reject, to name it
   * in one clean line: the types, converters and reasons come from {@link CollectorConfig}.
   */
  private static void checkRaw(SmallRyeConfig raw) {
    for (Method m : Setting.mapped()) {
      String property = Setting.property(m);
      Optional<String> v = value(raw, property);
      if (v.isEmpty()) {
        continue;
      }
      try {
        convert(raw, m, v.get());
      } catch (IllegalArgumentException | java.util.NoSuchElementException e) {
        String invalid = m.getAnnotation(Help.class).invalid();
        throw new SettingException(
            label(property),
            v.get(),
            invalid.isEmpty() ? firstLine(String.valueOf(e.getMessage())) : invalid);
      }
    }
  }

  private static void convert(SmallRyeConfig raw, Method m, String value) {
    Optional<Class<?>> converter = Setting.converter(m);
    if (converter.isPresent()) {
      Converter<?> c;
      try {
        c = (Converter<?>) converter.get().getDeclaredConstructor().newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot create " + converter.get(), e);
      }
      c.convert(value);
      return;
    }
    Class<?> type = m.getReturnType();
    if (type == Optional.class) {
      return;
    }
    raw.getConverter(box(type)).ifPresent(c -> c.convert(value.trim()));
  }

  private static Class<?> box(Class<?> type) {
    if (type == int.class) {
      return Integer.class;
    }
    if (type == boolean.class) {
      return Boolean.class;
    }
    if (type == long.class) {
      return Long.class;
    }
    return type;
  }

  /**
   * A token goes into an {@code Authorization} header: only visible ASCII can be carried (a CR or
   * LF inside would split the header). The message never shows the token.
   */
  private static void checkToken(String token) {
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c < 0x21 || c > 0x7e) {
        throw new SettingException(
            label("collector.push-token")
                + " has a character an HTTP header cannot carry (at position "
                + (i + 1)
                + "); the token is not shown");
      }
    }
  }

  private static URI endpoint(String text) {
    try {
      URI uri = new URI(text.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new SettingException(
            label("collector.push-endpoint"), text, "must be an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new SettingException(label("collector.push-endpoint"), text, e.getReason());
    }
  }

  private static <T> T parse(
      String env, String json, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(json);
    } catch (IllegalArgumentException e) {
      throw new SettingException(env, abbreviate(json), firstLine(e.getMessage()));
    }
  }

  private static Optional<String> value(SmallRyeConfig raw, String property) {
    return Optional.ofNullable(raw.getConfigValue(property).getValue()).filter(v -> !v.isEmpty());
  }

  private static String label(String property) {
    return Setting.byProperty(property).map(Setting::label).orElse(property);
  }

  private static String abbreviate(String s) {
    String flat = s.replace('\n', ' ');
    return flat.length() <= 120 ? flat : flat.substring(0, 117) + "...";
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  public Duration interval() {
    return config.interval();
  }

  public Path procPath() {
    return Path.of(config.procPath());
  }

  public LogLevel logLevel() {
    return config.logLevel();
  }

  public LogFormat logFormat() {
    return config.logFormat();
  }

  public int top() {
    return config.top();
  }

  public Optional<URI> pushEndpoint() {
    return pushEndpoint;
  }

  /** The bearer token, without surrounding whitespace; never log it. */
  public Optional<String> pushToken() {
    return pushToken;
  }

  public Duration pushTimeout() {
    return config.pushTimeout();
  }

  public boolean countExited() {
    return config.countExited();
  }

  public CpuSourceMode cpuSource() {
    return config.cpuSource();
  }

  public ProcessMap processMap() {
    return processMap;
  }

  public ContainerLimits limits() {
    return limits;
  }

  /** Present when a push endpoint is configured. */
  public Optional<Scope> scope() {
    return scope;
  }

  public String runId() {
    return runId;
  }

  /** Fixed for the whole run, so a retried push is stored once. */
  public String idempotencyKey() {
    return idempotencyKey;
  }

  /** The command to wrap; empty in sidecar mode. */
  public List<String> command() {
    return command;
  }
}
