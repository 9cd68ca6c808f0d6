package dev.runnermetrics.collector;

import dev.runnermetrics.collector.config.CommandLine;
import dev.runnermetrics.collector.config.CpuSourceMode;
import dev.runnermetrics.collector.config.Setting;
import dev.runnermetrics.collector.config.SettingException;
import dev.runnermetrics.collector.config.Settings;
import dev.runnermetrics.collector.grouping.ContainerResolver;
import dev.runnermetrics.collector.logging.LogSink;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.procfs.ProcParseException;
import dev.runnermetrics.collector.sampling.ClockTicks;
import dev.runnermetrics.collector.sampling.PageSize;
import dev.runnermetrics.collector.sampling.Sampler;
import dev.runnermetrics.collector.sampling.SamplerOptions;
import dev.runnermetrics.collector.summary.Accumulator;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;

/** Entry point: parses settings, wires the parts, runs, exits with the run's code. */
public final class Main {
  static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Settings settings;
    try {
      CommandLine commandLine = CommandLine.parse(args);
      if (commandLine.help()) {
        out.print(help());
        return 0;
      }
      if (commandLine.version()) {
        out.println("collector " + version());
        return 0;
      }
      settings = Settings.load(commandLine, System.getenv());
    } catch (SettingException e) {
      err.println("collector: " + e.getMessage());
      return EXIT_USAGE;
    }
    LogSink.configure(settings.logLevel(), settings.logFormat());
    ProcFs fs = new ProcFs(settings.procPath());
    Sampler sampler =
        new Sampler(
            fs,
            new ContainerResolver(settings.processMap()),
            System::nanoTime,
            Clock.systemUTC(),
            new SamplerOptions(
                ClockTicks.read(),
                PageSize.read(),
                settings.countExited(),
                settings.cpuSource() == CpuSourceMode.AUTO));
    Collector collector =
        new Collector(settings, sampler, new Accumulator(settings.top()), out, version());
    try {
      return collector.run();
    } catch (IOException | ProcParseException e) {
      err.println("collector: cannot read " + settings.procPath() + ": " + e.getMessage());
      return 1;
    }
  }

  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  static String help() {
    StringBuilder sb = new StringBuilder();
    sb.append("Usage: collector [flags] [-- COMMAND ARGS...]\n\n");
    sb.append("Samples CPU and memory of every process in /proc, groups them into containers by\n");
    sb.append("cgroup, and on SIGTERM/SIGINT (or when COMMAND exits) delivers one run summary.\n");
    sb.append(
        "With COMMAND, runs it, exits with its exit code and forwards SIGTERM/SIGINT to it.\n\n");
    sb.append("Flags (--flag=value or --flag value; flag > env > files):\n");
    for (Setting s : Setting.ALL) {
      if (!s.flag().isEmpty()) {
        sb.append(
            String.format(
                Locale.ROOT,
                "  %-16s env %-27s default %-7s %s%n",
                s.flag(),
                s.env(),
                s.defaultValue().isEmpty() ? "none" : s.defaultValue(),
                s.help()));
      }
    }
    sb.append(
        "  --help           this text\n  --version        print the version\n\nEnvironment:\n");
    for (Setting s : Setting.ALL) {
      if (s.flag().isEmpty()) {
        sb.append(String.format(Locale.ROOT, "  %-24s %s%n", s.env(), s.help()));
      }
    }
    sb.append(
        "\nExit codes: 0 summary delivered (or printed); 1 not delivered (printed to stdout);\n");
    sb.append("2 invalid settings; wrapper mode: COMMAND's exit code.\n");
    return sb.toString();
  }
}
