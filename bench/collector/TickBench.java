/*
 * How long one tick takes on this machine: primes a Sampler on the real /proc, runs N ticks
 * back to back (20 ms apart) and prints the median and 90th percentile of wall and CPU time.
 *
 *   ./mvnw -q -pl collector package -DskipTests
 *   java -XX:+UseSerialGC -Xmx32m -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 \
 *       -cp collector/target/collector.jar bench/collector/TickBench.java 500
 */
import dev.runnermetrics.collector.grouping.ContainerResolver;
import dev.runnermetrics.collector.grouping.ProcessMap;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.sampling.Sampler;
import dev.runnermetrics.collector.sampling.TickSample;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;

public class TickBench {
  public static void main(String[] a) throws Exception {
    Sampler s = new Sampler(new ProcFs(Path.of("/proc")), new ContainerResolver(ProcessMap.empty()), 100, System::nanoTime, Clock.systemUTC());
    s.prime();
    var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    int n = Integer.parseInt(a[0]);
    double[] wall = new double[n], cpu = new double[n];
    int procs = 0;
    for (int i = 0; i < n; i++) {
      Thread.sleep(20);
      long c0 = bean.getCurrentThreadCpuTime(), w0 = System.nanoTime();
      TickSample t = s.tick();
      wall[i] = (System.nanoTime() - w0) / 1e6; cpu[i] = (bean.getCurrentThreadCpuTime() - c0) / 1e6;
      procs = t.processes().size();
    }
    Arrays.sort(wall); Arrays.sort(cpu);
    System.out.printf("processes %d; all ticks: wall p50 %.2f ms, cpu p50 %.2f ms; p90 wall %.2f cpu %.2f%n", procs, wall[n/2], cpu[n/2], wall[n*9/10], cpu[n*9/10]);
  }
}
