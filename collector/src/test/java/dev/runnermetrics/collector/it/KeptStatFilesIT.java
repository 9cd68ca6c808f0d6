package dev.runnermetrics.collector.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.collector.grouping.ContainerResolver;
import dev.runnermetrics.collector.grouping.ProcessMap;
import dev.runnermetrics.collector.procfs.PidStat;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.sampling.ClockTicks;
import dev.runnermetrics.collector.sampling.Sampler;
import dev.runnermetrics.collector.sampling.TickSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code stat} files the sampler keeps open on the real /proc: one per live process, closed
 * when the process is gone, and the descriptors do not grow with process churn.
 */
class KeptStatFilesIT {
  private static final int CHILDREN = 40;
  private static final int ROUNDS = 5;

  /** Descriptors the JVM may open or close on its own between two counts (jar, class files). */
  private static final int SLACK = 8;

  private final List<Process> children = new ArrayList<>();

  @BeforeAll
  static void linuxOnly() {
    Processes.requireLinuxProc();
  }

  @AfterEach
  void stopChildren() throws InterruptedException {
    for (Process p : children) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private Process sleeper() throws IOException {
    Process p =
        new ProcessBuilder("sleep", "600")
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    children.add(p);
    return p;
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  private static boolean seen(TickSample t, long pid) {
    return t.processes().stream().anyMatch(p -> p.pid() == pid);
  }

  @Test
  void oneFilePerLiveProcessClosedWhenItExitsAndNoGrowthWithChurn() throws Exception {
    ProcFs fs = new ProcFs(Path.of("/proc"));
    assertTrue(fs.keptLimit() > 0, "a real procfs keeps stat files open");
    Sampler sampler =
        new Sampler(
            fs,
            new ContainerResolver(ProcessMap.empty()),
            ClockTicks.read(),
            System::nanoTime,
            Clock.systemUTC());
    sampler.prime();
    sampler.tick();
    // Descriptors that are not kept stat files: these must stay where they are.
    long others = openDescriptors() - fs.keptCount();
    for (int round = 0; round < ROUNDS; round++) {
      List<Process> batch = new ArrayList<>();
      for (int i = 0; i < CHILDREN; i++) {
        batch.add(sleeper());
      }
      TickSample withThem = sampler.tick();
      for (Process p : batch) {
        assertTrue(seen(withThem, p.pid()), "child " + p.pid() + " seen");
        assertTrue(fs.isKept((int) p.pid()), "stat of child " + p.pid() + " kept open");
      }
      assertEquals(sampler.liveProcessCount(), fs.keptCount(), "one kept file per live process");
      for (Process p : batch) {
        p.destroyForcibly();
      }
      for (Process p : batch) {
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "child exits");
      }
      children.removeAll(batch);
      TickSample without = sampler.tick();
      for (Process p : batch) {
        assertFalse(seen(without, p.pid()), "child " + p.pid() + " gone");
        assertFalse(fs.isKept((int) p.pid()), "stat of exited child " + p.pid() + " closed");
      }
      assertEquals(sampler.liveProcessCount(), fs.keptCount(), "one kept file per live process");
      long othersNow = openDescriptors() - fs.keptCount();
      assertTrue(
          othersNow <= others + SLACK,
          "round " + round + ": " + othersNow + " other descriptors, " + others + " at the start");
    }
  }

  @Test
  void aKeptFileOfAReapedProcessReadsAsGoneAndIsClosed() throws Exception {
    ProcFs fs = new ProcFs(Path.of("/proc"));
    Process child = sleeper();
    int pid = (int) child.pid();
    Optional<PidStat> before = fs.stat(pid);
    assertTrue(before.isPresent(), "child read");
    assertEquals(pid, before.get().pid());
    assertEquals("sleep", before.get().comm());
    fs.closeUnread();
    assertTrue(fs.isKept(pid), "kept after the pass");
    int kept = fs.keptCount();
    child.destroyForcibly();
    assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child exits");
    children.remove(child);
    // The file still open belongs to the reaped process: the kernel answers ESRCH, and a fresh
    // open finds no process (or a new holder of the pid, whose start time then differs).
    Optional<PidStat> after = fs.stat(pid);
    assertTrue(
        after.isEmpty() || after.get().startTimeTicks() != before.get().startTimeTicks(),
        "the reaped child is not read again: " + after);
    if (after.isEmpty()) {
      assertFalse(fs.isKept(pid), "its file is closed");
      assertEquals(kept - 1, fs.keptCount());
    }
    fs.close();
    assertEquals(0, fs.keptCount());
  }
}
