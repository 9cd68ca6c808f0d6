package dev.runnermetrics.collector;

import dev.runnermetrics.collector.config.GoDuration;
import dev.runnermetrics.collector.config.Settings;
import dev.runnermetrics.collector.procfs.ProcParseException;
import dev.runnermetrics.collector.push.PushClient;
import dev.runnermetrics.collector.push.PushOutcome;
import dev.runnermetrics.collector.sampling.ContainerSample;
import dev.runnermetrics.collector.sampling.ProcessSample;
import dev.runnermetrics.collector.sampling.Sampler;
import dev.runnermetrics.collector.sampling.TickSample;
import dev.runnermetrics.collector.summary.Accumulator;
import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.PushRequest;
import dev.runnermetrics.common.summary.RunSummary;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import sun.misc.Signal;

/**
 * The run: ticks at a fixed rate until SIGTERM/SIGINT (sidecar mode) or until the wrapped command
 * exits (wrapper mode), then one final tick, the summary, and its delivery.
 *
 * <p>Exit codes: 0 delivered (or printed, with no endpoint); 1 not delivered (the summary is then
 * printed to stdout so the job log keeps it); in wrapper mode always the command's exit code (127
 * when it cannot be started), so measuring never changes a job's outcome.
 */
public final class Collector {
  private static final Logger LOG = System.getLogger(Collector.class.getName());

  /** A final tick closer than this to the previous one would measure mostly clock-tick noise. */
  private static final long MIN_FINAL_TICK_NANOS = 100_000_000L;

  /** What shells answer when a command cannot be run. */
  static final int EXIT_CANNOT_START = 127;

  private final Settings settings;
  private final Sampler sampler;
  private final Accumulator accumulator;
  private final PrintStream stdout;
  private final String version;
  private final LongSupplier nanoClock = System::nanoTime;
  private final Clock wallClock = Clock.systemUTC();

  private volatile boolean stopRequested;
  private volatile Thread mainThread;
  private volatile Process child;
  private long ticks;

  public Collector(
      Settings settings,
      Sampler sampler,
      Accumulator accumulator,
      PrintStream stdout,
      String version) {
    this.settings = settings;
    this.sampler = sampler;
    this.accumulator = accumulator;
    this.stdout = stdout;
    this.version = version;
  }

  /** Runs until stopped and returns the process exit code. */
  public int run() throws IOException {
    mainThread = Thread.currentThread();
    Instant start = wallClock.instant();
    long startNanos = nanoClock.getAsLong();
    sampler.prime();
    installSignalHandlers();
    boolean wrapper = !settings.command().isEmpty();
    if (wrapper) {
      try {
        child = new ProcessBuilder(settings.command()).inheritIO().start();
      } catch (IOException e) {
        LOG.log(Level.ERROR, "cannot start {0}: {1}", settings.command().get(0), e.getMessage());
        return EXIT_CANNOT_START;
      }
      child.onExit().thenRun(this::requestStop);
    }
    LOG.log(
        Level.INFO,
        "collector {0} started: interval {1}, proc {2}, {3}",
        version,
        GoDuration.format(settings.interval()),
        settings.procPath(),
        wrapper ? "wrapping " + settings.command().get(0) : "until SIGTERM");

    long interval = settings.interval().toNanos();
    long lastTick = startNanos;
    long next = startNanos + interval;
    while (!stopRequested) {
      long now = nanoClock.getAsLong();
      if (now < next) {
        LockSupport.parkNanos(this, next - now);
        continue;
      }
      tick();
      lastTick = nanoClock.getAsLong();
      // Fixed rate on the monotonic clock; ticks missed by an overrun are skipped, not bunched.
      next += interval * Math.max(1, (lastTick - next) / interval + 1);
    }
    if (nanoClock.getAsLong() - lastTick >= MIN_FINAL_TICK_NANOS || ticks == 0) {
      tick();
    }
    Instant end = wallClock.instant();
    RunSummary summary = accumulator.summarize(start, end, settings.limits());
    LOG.log(
        Level.INFO,
        "run ended: {0} samples over {1} s; system CPU peak {2} %, avg {3} %",
        summary.sampleCount(),
        fmt(summary.durationSeconds()),
        fmt(summary.cpuTotalPercent().peak()),
        fmt(summary.cpuTotalPercent().avg()));
    boolean delivered = deliver(summary);
    if (wrapper) {
      int code = waitForChild();
      LOG.log(Level.INFO, "wrapped command exited with {0}", code);
      return code;
    }
    return delivered ? 0 : 1;
  }

  private void tick() throws IOException {
    TickSample sample;
    try {
      sample = sampler.tick();
    } catch (IOException | ProcParseException e) {
      // A system file unreadable for once must not end the run: the next tick tries again.
      LOG.log(Level.WARNING, "tick skipped: " + e.getMessage());
      return;
    }
    ticks++;
    accumulator.add(sample);
    if (LOG.isLoggable(Level.INFO)) {
      LOG.log(Level.INFO, tickLine(sample));
    }
    if (LOG.isLoggable(Level.DEBUG)) {
      LOG.log(Level.DEBUG, busiestLine(sample));
    }
  }

  private String tickLine(TickSample s) {
    StringBuilder sb = new StringBuilder(160);
    sb.append("tick ").append(ticks);
    sb.append(": cpu ").append(fmt(s.cpuTotalPercent())).append(" %");
    sb.append(", mem ").append(mib(s.memUsedBytes())).append(" MiB");
    List<ContainerSample> containers = new ArrayList<>(s.containers());
    containers.sort(Comparator.comparingDouble(ContainerSample::cpuCores).reversed());
    int shown = 0;
    for (ContainerSample c : containers) {
      if (shown++ == 8) {
        sb.append("; +").append(containers.size() - 8).append(" more");
        break;
      }
      sb.append("; ").append(c.name()).append(' ').append(fmt(c.cpuCores())).append(" cores ");
      sb.append(mib(c.memoryBytes())).append(" MiB");
    }
    sb.append(" (").append(s.processes().size()).append(" processes, read ");
    sb.append(fmt(s.readNanos() / 1e6)).append(" ms)");
    return sb.toString();
  }

  private String busiestLine(TickSample s) {
    List<ProcessSample> busiest = new ArrayList<>(s.processes());
    busiest.sort(Comparator.comparingDouble(ProcessSample::cpuCores).reversed());
    StringBuilder sb = new StringBuilder(200).append("tick ").append(ticks).append(" busiest:");
    for (ProcessSample p : busiest.subList(0, Math.min(5, busiest.size()))) {
      sb.append(' ').append(p.pid()).append('/').append(p.name()).append('@').append(p.container());
      sb.append(' ').append(fmt(p.cpuCores())).append(" cores ").append(mib(p.rssBytes()));
      sb.append(" MiB;");
    }
    return sb.toString();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
  }

  /**
   * Prints or pushes the summary. Whatever goes wrong with the push, the summary reaches stdout,
   * and no message of the HTTP stack is logged as is (it may quote a header, i.e. the token).
   */
  private boolean deliver(RunSummary summary) {
    String summaryJson;
    byte[] body = null;
    try (Jsonb jsonb = JsonbBuilder.create()) {
      summaryJson = jsonb.toJson(summary);
      if (settings.pushEndpoint().isPresent()) {
        Scope scope = settings.scope().orElseThrow();
        PushRequest request =
            new PushRequest(
                scope.organization(),
                scope.repository(),
                scope.workflow(),
                scope.job(),
                settings.runId(),
                summary);
        body = jsonb.toJson(request).getBytes(StandardCharsets.UTF_8);
      }
    } catch (Exception e) {
      LOG.log(Level.ERROR, "could not write the summary: " + e.getClass().getName());
      return false;
    }
    if (settings.pushEndpoint().isEmpty()) {
      print(summaryJson);
      return true;
    }
    PushOutcome outcome;
    try {
      PushClient client =
          new PushClient(
              settings.pushEndpoint().get(), settings.pushToken(), settings.pushTimeout(), version);
      outcome = client.push(body, settings.idempotencyKey(), settings.scope().orElseThrow());
    } catch (RuntimeException e) {
      outcome = new PushOutcome(false, 1, 0, "push failed: " + e.getClass().getName());
    }
    if (!outcome.delivered()) {
      LOG.log(
          Level.ERROR,
          "summary not delivered after {0} attempt(s): {1}; printing it to stdout",
          outcome.attempts(),
          outcome.detail());
      print(summaryJson);
    }
    return outcome.delivered();
  }

  private void print(String json) {
    stdout.println(json);
    stdout.flush();
  }

  private void installSignalHandlers() {
    for (String name : List.of("TERM", "INT")) {
      try {
        Signal.handle(new Signal(name), this::onSignal);
      } catch (IllegalArgumentException unavailable) {
        LOG.log(Level.WARNING, "cannot handle SIG" + name + ": " + unavailable.getMessage());
      }
    }
  }

  private void onSignal(Signal signal) {
    Process c = child;
    if (c != null) {
      // Wrapper mode: the command decides when the run ends; pass the signal on and keep measuring.
      LOG.log(Level.INFO, "SIG{0}: forwarding to pid {1}", signal.getName(), c.pid());
      forward(c, signal.getName());
      return;
    }
    LOG.log(Level.INFO, "SIG{0}: final tick and summary", signal.getName());
    requestStop();
  }

  private static void forward(Process c, String signal) {
    if (signal.equals("TERM")) {
      c.destroy(); // SIGTERM on Unix
      return;
    }
    try {
      new ProcessBuilder("kill", "-" + signal, Long.toString(c.pid()))
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not forward SIG" + signal + ": " + e.getMessage());
    }
  }

  private void requestStop() {
    stopRequested = true;
    Thread t = mainThread;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  private int waitForChild() {
    try {
      return child.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** For tests and logs: samples taken so far. */
  long ticks() {
    return ticks;
  }

  Optional<Process> child() {
    return Optional.ofNullable(child);
  }
}
