package dev.runnermetrics.collector.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.runnermetrics.collector.grouping.ContainerResolver;
import dev.runnermetrics.collector.grouping.ProcessMap;
import dev.runnermetrics.collector.procfs.ProcFs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exited-process accounting on fake proc trees. Every tick is exactly 1 s at 100 Hz, so a
 * container's CPU in cores × 100 is its CPU ticks in that tick. Boot time 1000 s = 100000 ticks.
 */
class ExitedAccountingTest {
  private static final double EPS = 1e-9;

  @TempDir Path dir;
  FakeProc proc;
  AtomicLong nanos = new AtomicLong(1_000_000_000L);
  long uptime = 100_000;

  private Sampler sampler(boolean countExited) {
    proc = proc == null ? new FakeProc(dir) : proc;
    return new Sampler(
        new ProcFs(dir),
        new ContainerResolver(ProcessMap.empty()),
        100,
        nanos::get,
        Clock.systemUTC(),
        countExited);
  }

  private FakeProc next() {
    nanos.addAndGet(1_000_000_000L);
    uptime += 100;
    return proc.system(uptime, 1000, 500, 1_000_000, 500_000);
  }

  private FakeProc start() {
    proc = new FakeProc(dir);
    return proc.system(uptime, 1000, 500, 1_000_000, 500_000);
  }

  /** CPU ticks the tick gave the container (cores × 100 over a 1 s tick). */
  private static double ticks(TickSample t, String container) {
    return t.containers().stream()
        .filter(c -> c.name().equals(container))
        .mapToDouble(c -> c.cpuCores() * 100)
        .sum();
  }

  @Test
  void childBornAndReapedBetweenTicksIsCounted() throws IOException {
    start().child(100, 1, "make", 5000, 10, 0, 0, 0, "/pod/runner");
    Sampler s = sampler(true);
    s.prime();
    // an unseen cc1 ran 50 user + 20 system ticks and was reaped by make
    next().child(100, 1, "make", 5000, 12, 0, 50, 20, "/pod/runner");
    TickSample t = s.tick();
    assertEquals(72, ticks(t, "runner"), EPS);
    assertEquals(0.02, t.processes().get(0).cpuCores(), EPS); // the process keeps its own CPU
  }

  @Test
  void plainMethodMissesIt() throws IOException {
    start().child(100, 1, "make", 5000, 10, 0, 0, 0, "/pod/runner");
    Sampler s = sampler(false);
    s.prime();
    next().child(100, 1, "make", 5000, 12, 0, 50, 20, "/pod/runner");
    assertEquals(2, ticks(s.tick(), "runner"), EPS);
  }

  @Test
  void childSeenThenReapedIsCountedOnce() throws IOException {
    start()
        .child(100, 1, "make", 5000, 0, 0, 0, 0, "/pod/runner")
        .child(101, 100, "cc1", 5000, 30, 0, 0, 0, "/pod/runner");
    Sampler s = sampler(true);
    s.prime();
    next()
        .child(100, 1, "make", 5000, 0, 0, 0, 0, "/pod/runner")
        .child(101, 100, "cc1", 5000, 80, 0, 0, 0, "/pod/runner");
    assertEquals(50, ticks(s.tick(), "runner"), EPS);
    // cc1 ran 10 more ticks after its last read, exited, make reaped it: cutime += 90
    next().child(100, 1, "make", 5000, 0, 0, 85, 5, "/pod/runner").remove(101);
    assertEquals(10, ticks(s.tick(), "runner"), EPS); // 90 − the 80 already seen
  }

  @Test
  void grandchildrenReapedByAChildThatIsItselfReaped() throws IOException {
    start()
        .child(100, 1, "sh", 5000, 0, 0, 0, 0, "/pod/runner")
        .child(101, 100, "bash", 5000, 10, 0, 0, 0, "/pod/runner");
    Sampler s = sampler(true);
    s.prime();
    // bash: +10 own, an unseen gcc (40) reaped by bash, a new grandchild 102 seen with 30
    next()
        .child(100, 1, "sh", 5000, 0, 0, 0, 0, "/pod/runner")
        .child(101, 100, "bash", 5000, 20, 0, 40, 0, "/pod/runner")
        .child(102, 101, "ld", uptime - 50, 30, 0, 0, 0, "/pod/runner");
    assertEquals(80, ticks(s.tick(), "runner"), EPS);
    // ld ran 5 more and was reaped by bash (cutime 75), bash ran 5 more and was reaped by sh:
    // sh's cutime = bash's 25 + 75 = 100; already seen: bash 20 + 40, ld 30
    next().child(100, 1, "sh", 5000, 0, 0, 100, 0, "/pod/runner").remove(101).remove(102);
    TickSample t = s.tick();
    assertEquals(10, ticks(t, "runner"), EPS);
    assertEquals(0.10, t.containers().get(0).cpuSeconds(), EPS);
    // the run's total is the truth: bash 15 + gcc 40 + ld 35
  }

  @Test
  void pidReusedDuringTheIntervalIsTwoProcesses() throws IOException {
    start()
        .child(100, 1, "make", 5000, 0, 0, 0, 0, "/pod/runner")
        .child(101, 100, "cc1", 5000, 30, 0, 0, 0, "/pod/runner");
    Sampler s = sampler(true);
    s.prime();
    // cc1 ran to 50 and was reaped by make; pid 101 now is a new `as` that used 20
    next()
        .child(100, 1, "make", 5000, 0, 0, 50, 0, "/pod/runner")
        .child(101, 100, "as", uptime - 30, 20, 0, 0, 0, "/pod/runner");
    TickSample t = s.tick();
    assertEquals(40, ticks(t, "runner"), EPS); // cc1's last 20 + as's 20
    assertEquals("as", t.processes().stream().filter(p -> p.pid() == 101).findAny().get().name());
  }

  @Test
  void orphanReparentedToPid1CountsForItsOwnContainer() throws IOException {
    start()
        .child(1, 0, "init", 1, 0, 0, 0, 0, "/")
        .child(100, 1, "sh", 5000, 5, 0, 0, 0, "/pod/runner")
        .child(101, 100, "daemon", 5000, 10, 0, 0, 0, "/pod/runner");
    Sampler s = sampler(true);
    s.prime();
    // sh exited (init reaped its 5), the daemon was re-parented to init and ran 20
    next()
        .child(1, 0, "init", 1, 0, 0, 5, 0, "/")
        .child(101, 1, "daemon", 5000, 30, 0, 0, 0, "/pod/runner")
        .remove(100);
    TickSample t1 = s.tick();
    assertEquals(20, ticks(t1, "runner"), EPS);
    assertEquals(0, ticks(t1, "host"), EPS);
    // the daemon ran 15 more and exited; init reaped it
    next().child(1, 0, "init", 1, 0, 0, 50, 0, "/").remove(101);
    TickSample t2 = s.tick();
    assertEquals(15, ticks(t2, "runner"), EPS); // the children's container, not init's
    assertEquals(0, ticks(t2, "host"), EPS);
  }

  @Test
  void collectorReapingTheWrappedCommandCreditsTheCommandsContainer() throws IOException {
    start()
        .child(50, 1, "java", 4000, 0, 0, 0, 0, "/collector")
        .child(60, 50, "make", 5000, 100, 0, 0, 0, "/pod/runner");
    Sampler s = sampler(true);
    s.prime();
    next().child(50, 1, "java", 4000, 3, 0, 130, 0, "/collector").remove(60);
    TickSample t = s.tick();
    assertEquals(30, ticks(t, "runner"), EPS);
    assertEquals(3, ticks(t, "collector"), EPS);
  }

  @Test
  void childrenOfSeveralContainersLeaveTheRestWithTheParent() throws IOException {
    start()
        .child(50, 1, "shim", 4000, 0, 0, 0, 0, "/shim")
        .child(60, 50, "a", 5000, 10, 0, 0, 0, "/pod/one")
        .child(61, 50, "b", 5000, 10, 0, 0, 0, "/pod/two");
    Sampler s = sampler(true);
    s.prime();
    next().child(50, 1, "shim", 4000, 0, 0, 40, 0, "/shim").remove(60).remove(61);
    TickSample t = s.tick();
    assertEquals(20, ticks(t, "shim"), EPS);
    assertEquals(0, ticks(t, "one"), EPS);
  }

  @Test
  void childReapedAfterTheParentsReadIsMatchedAtTheNextTick() throws IOException {
    start()
        .child(100, 1, "make", 5000, 0, 0, 0, 0, "/pod/runner")
        .child(101, 100, "cc1", 5000, 30, 0, 0, 0, "/pod/runner");
    Sampler s = sampler(true);
    s.prime();
    // cc1 is gone from the listing, but make's cutime does not show it yet
    next().child(100, 1, "make", 5000, 0, 0, 0, 0, "/pod/runner").remove(101);
    assertEquals(0, ticks(s.tick(), "runner"), EPS);
    // now it does (cc1 ended at 35); 30 of it was seen before
    next().child(100, 1, "make", 5000, 0, 0, 35, 0, "/pod/runner");
    assertEquals(5, ticks(s.tick(), "runner"), EPS);
    // an unmatched credit does not linger beyond one tick
    next().child(100, 1, "make", 5000, 0, 0, 35, 0, "/pod/runner");
    s.tick();
    next().child(100, 1, "make", 5000, 0, 0, 55, 0, "/pod/runner");
    assertEquals(20, ticks(s.tick(), "runner"), EPS);
  }

  @Test
  void cpuOfChildrenBeforeTheBaselineIsNotCounted() throws IOException {
    // bash reaped 900 ticks of children before the collector started
    start().child(100, 1, "bash", 5000, 0, 0, 900, 0, "/pod/runner");
    Sampler s = sampler(true);
    s.prime();
    next().child(100, 1, "bash", 5000, 0, 0, 900, 0, "/pod/runner");
    assertEquals(0, ticks(s.tick(), "runner"), EPS);
  }

  @Test
  void processStartedSinceThePreviousTickCountsItsChildrenFromItsStart() throws IOException {
    start().child(100, 1, "make", 5000, 0, 0, 0, 0, "/pod/runner");
    Sampler s = sampler(true);
    s.prime();
    next()
        .child(100, 1, "make", 5000, 0, 0, 0, 0, "/pod/runner")
        .child(101, 100, "sh", uptime - 50, 2, 0, 40, 0, "/pod/runner");
    TickSample t = s.tick();
    assertEquals(42, ticks(t, "runner"), EPS);
    assertFalse(t.containers().isEmpty());
  }
}
