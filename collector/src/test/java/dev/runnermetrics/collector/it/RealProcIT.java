package dev.runnermetrics.collector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.collector.grouping.ContainerResolver;
import dev.runnermetrics.collector.grouping.ProcessMap;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.sampling.ClockTicks;
import dev.runnermetrics.collector.sampling.ContainerSample;
import dev.runnermetrics.collector.sampling.ProcessSample;
import dev.runnermetrics.collector.sampling.Sampler;
import dev.runnermetrics.collector.sampling.TickSample;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sampler on the machine's real /proc against children whose usage is known. */
class RealProcIT {
  @org.junit.jupiter.api.BeforeAll
  static void linuxOnly() {
    Processes.requireLinuxProc();
  }

  private static final long MIB = 1 << 20;

  @TempDir Path dir;

  private static Sampler sampler() {
    return new Sampler(
        new ProcFs(Path.of("/proc")),
        new ContainerResolver(ProcessMap.empty()),
        ClockTicks.read(),
        System::nanoTime,
        Clock.systemUTC());
  }

  private static Optional<ProcessSample> find(TickSample t, long pid) {
    return t.processes().stream().filter(p -> p.pid() == pid).findFirst();
  }

  @Test
  void childSpinningOneCoreIsOneCore() throws Exception {
    Path out = dir.resolve("spin.txt");
    Process child =
        new ProcessBuilder(Processes.child(Processes.JAVA, "spin", "8"))
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Priority.raise(child.pid());
    try {
      Processes.awaitFile(out, "spinning", 20);
      Thread.sleep(300); // past the JVM's start-up burst of compiler and GC threads
      Sampler sampler = sampler();
      long cpuBefore = cpuNanos(child);
      long primeStart = System.nanoTime();
      sampler.prime();
      // The kernel's window is wider than the ticks' by up to the time the first and last reads
      // take (tens of ms with hundreds of processes on a busy machine): the spinner runs then too.
      double slack = (System.nanoTime() - primeStart) / 1e9;
      double cpuSeconds = 0;
      double seconds = 0;
      double peakProcess = 0;
      double peakContainer = 0;
      for (int i = 0; i < 5; i++) {
        Thread.sleep(500);
        long tickStart = System.nanoTime();
        TickSample t = sampler.tick();
        if (i == 4) {
          slack += (System.nanoTime() - tickStart) / 1e9;
        }
        ProcessSample p =
            find(t, child.pid()).orElseThrow(() -> new AssertionError("child not seen"));
        peakProcess = Math.max(peakProcess, p.cpuCores());
        cpuSeconds += p.cpuCores() * t.elapsedSeconds();
        seconds += t.elapsedSeconds();
        double container =
            t.containers().stream()
                .filter(c -> c.name().equals(p.container()))
                .mapToDouble(ContainerSample::cpuCores)
                .sum();
        assertTrue(container >= p.cpuCores() - 1e-9, "container includes its processes");
        peakContainer = Math.max(peakContainer, container);
      }
      // Cross-check with the JDK's own reading of the kernel's accounting over the same window.
      // Cross-check: the CPU-seconds the ticks add up to are what the kernel accounted (read by the
      // JDK) over the same window, give or take the moments between the reads.
      double kernelCpuSeconds = (cpuNanos(child) - cpuBefore) / 1e9;
      assertEquals(kernelCpuSeconds, cpuSeconds, 0.1 + slack, "CPU-seconds vs kernel");
      double kernelCores = kernelCpuSeconds / seconds;
      Saturation.assertOneCore(peakProcess, kernelCores, "process peak cores");
      assertTrue(peakContainer >= peakProcess - 1e-9, "container peak " + peakContainer);
      // The container here is shared with the rest of the machine; CgroupIT isolates it (1.0 ±
      // 0.1).
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
  }

  private static long cpuNanos(Process p) {
    return p.info().totalCpuDuration().orElseThrow().toNanos();
  }

  @Test
  void childHolding200MibIsReportedWithinFivePercent() throws Exception {
    Path out = dir.resolve("hold.txt");
    Process child =
        new ProcessBuilder(Processes.child(Processes.JAVA, "hold", "200", "1500", "10"))
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      Sampler sampler = sampler();
      sampler.prime();
      Thread.sleep(1000); // the JVM is up but has not allocated yet
      long before = find(sampler.tick(), child.pid()).orElseThrow().rssBytes();
      Processes.awaitFile(out, "holding", 20);
      long after = find(sampler.tick(), child.pid()).orElseThrow().rssBytes();
      long grown = after - before;
      assertEquals(200.0 * MIB, grown, 0.05 * 200 * MIB, "RSS grew by " + grown / MIB + " MiB");
      assertTrue(after >= 200 * MIB, "RSS " + after / MIB + " MiB");
    } finally {
      child.destroyForcibly();
      child.waitFor();
    }
  }
}
