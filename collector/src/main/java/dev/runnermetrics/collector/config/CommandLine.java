package dev.runnermetrics.collector.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parsed command line: {@code [flags] [-- CMD ARGS…]}. Flags work as {@code --flag=value} and
 * {@code --flag value}; like Go's flag package a single dash works too.
 *
 * @param properties config properties set by flags ({@code collector.interval → 2s})
 * @param command the wrapped command after {@code --}; empty in sidecar mode
 */
public record CommandLine(
    Map<String, String> properties, List<String> command, boolean help, boolean version) {
  public CommandLine {
    properties = Map.copyOf(properties);
    command = List.copyOf(command);
  }

  /**
   * @throws SettingException for an unknown flag, a flag without value, or a stray argument
   */
  public static CommandLine parse(String... args) {
    Map<String, String> properties = new LinkedHashMap<>();
    List<String> command = new ArrayList<>();
    boolean help = false;
    boolean version = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--")) {
        for (int j = i + 1; j < args.length; j++) {
          command.add(args[j]);
        }
        if (command.isEmpty()) {
          throw new SettingException("command", "--", "nothing after --");
        }
        break;
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        throw new SettingException(
            "argument", arg, "unexpected; flags are --name=value, a command to wrap goes after --");
      }
      String body = arg.startsWith("--") ? arg.substring(2) : arg.substring(1);
      int eq = body.indexOf('=');
      String name = eq < 0 ? body : body.substring(0, eq);
      switch (name) {
        case "help", "h" -> {
          help = true;
          continue;
        }
        case "version" -> {
          version = true;
          continue;
        }
        default -> {}
      }
      Setting setting =
          Setting.byFlagName(name)
              .orElseThrow(() -> new SettingException("flag", arg, "unknown flag; see --help"));
      String value;
      if (eq >= 0) {
        value = body.substring(eq + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new SettingException(setting.label(), "", "flag needs a value");
      }
      properties.put(setting.property(), value);
    }
    return new CommandLine(properties, command, help, version);
  }
}
