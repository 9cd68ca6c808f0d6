/*
 * Cost of one snapshot (one tick: list the proc tree, read stat, status and cgroup of every
 * process, compute the rates) on a proc root, in a warm loop: prints the process count and the
 * median and 90th percentile of wall and CPU time, in ms, on one line:
 *   processes 812 wall_p50 9.81 wall_p90 12.02 cpu_p50 9.10 cpu_p90 11.30
 * Also writes a synthetic proc tree of real files with `--make-tree DIR N`.
 *
 *   java -cp collector/target/collector.jar bench/collector/SnapshotBench.java /proc 100
 *   java -cp collector/target/collector.jar bench/collector/SnapshotBench.java --make-tree /tmp/t 1000
 */
import dev.runnermetrics.collector.grouping.ContainerResolver;
import dev.runnermetrics.collector.grouping.ProcessMap;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.sampling.Sampler;
import dev.runnermetrics.collector.sampling.TickSample;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;

public class SnapshotBench {
  public static void main(String[] a) throws Exception {
    if (a[0].equals("--make-tree")) {
      makeTree(Path.of(a[1]), Integer.parseInt(a[2]));
      return;
    }
    Path root = Path.of(a[0]);
    int n = Integer.parseInt(a[1]);
    Sampler s = new Sampler(new ProcFs(root), new ContainerResolver(ProcessMap.empty()), 100,
        System::nanoTime, Clock.systemUTC(), true, false);
    s.prime();
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < Math.max(20, n / 5); i++) { // warm-up: JIT and buffers
      s.tick();
    }
    double[] wall = new double[n], cpu = new double[n];
    int procs = 0;
    for (int i = 0; i < n; i++) {
      Thread.sleep(5);
      long c0 = bean.getCurrentThreadCpuTime(), w0 = System.nanoTime();
      TickSample t = s.tick();
      wall[i] = (System.nanoTime() - w0) / 1e6;
      cpu[i] = (bean.getCurrentThreadCpuTime() - c0) / 1e6;
      procs = t.processes().size();
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    System.out.printf(Locale.ROOT, "processes %d wall_p50 %.3f wall_p90 %.3f cpu_p50 %.3f cpu_p90 %.3f%n",
        procs, wall[n / 2], wall[n * 9 / 10], cpu[n / 2], cpu[n * 9 / 10]);
  }

  /** N processes with the files a tick reads, plus the system files, copied in shape from /proc. */
  static void makeTree(Path root, int n) throws Exception {
    Files.createDirectories(root);
    for (String f : new String[] {"uptime", "stat", "meminfo"}) {
      Files.writeString(root.resolve(f), Files.readString(Path.of("/proc", f)));
    }
    String status = Files.readString(Path.of("/proc/self/status"));
    for (int i = 0; i < n; i++) {
      int pid = 1000 + i;
      Path d = Files.createDirectories(root.resolve(Integer.toString(pid)));
      Files.writeString(d.resolve("stat"), String.format(Locale.ROOT,
          "%d (worker-%d) S 1 %d %d 0 -1 4194560 120 0 0 0 %d %d 0 0 20 0 1 0 %d 10485760 256 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0%n",
          pid, i % 50, pid, pid, 100 + i, 20 + i, 5000 + i));
      Files.writeString(d.resolve("status"), status);
      Files.writeString(d.resolve("cgroup"),
          "4:memory:/kubepods/pod" + (i % 5) + "/ctr\n3:cpuacct:/kubepods/pod" + (i % 5) + "/ctr\n0::/\n");
      Files.writeString(d.resolve("cmdline"), "/usr/bin/worker\0--flag\0");
    }
  }
}
