package dev.runnermetrics.collector.jmh;

import dev.runnermetrics.collector.procfs.MountinfoParser;
import dev.runnermetrics.collector.procfs.PidStat;
import dev.runnermetrics.collector.procfs.PidStatParser;
import dev.runnermetrics.collector.procfs.PidStatusParser;
import dev.runnermetrics.collector.procfs.ProcCgroupParser;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.procfs.RawProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** The pure parsers on real texts of this machine, and one process read from the real /proc. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ParserBench {
  String stat;
  String status;
  String cgroup;
  String mountinfo;
  ProcFs proc;
  int self;

  @Setup
  public void read() throws IOException {
    stat = Files.readString(Path.of("/proc/self/stat"));
    status = Files.readString(Path.of("/proc/self/status"));
    cgroup = Files.readString(Path.of("/proc/self/cgroup"));
    mountinfo = Files.readString(Path.of("/proc/self/mountinfo"));
    proc = new ProcFs(Path.of("/proc"));
    self = (int) ProcessHandle.current().pid();
  }

  @Benchmark
  public PidStat pidStat() {
    return PidStatParser.parse(stat);
  }

  @Benchmark
  public long pidStatus() {
    return PidStatusParser.parse(status).rssBytes();
  }

  @Benchmark
  public String cgroupPath() {
    return ProcCgroupParser.parse(cgroup).containerPath();
  }

  @Benchmark
  public Object mountinfo() {
    return MountinfoParser.cgroupMounts(mountinfo);
  }

  /** stat + status + cgroup of one live process: the per-process I/O of a tick. */
  @Benchmark
  public Optional<RawProcess> readOneProcess() {
    return proc.process(self);
  }
}
