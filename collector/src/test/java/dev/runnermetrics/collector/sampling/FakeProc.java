package dev.runnermetrics.collector.sampling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/** A proc tree in a temp dir that tests rewrite between ticks. */
final class FakeProc {
  final Path root;

  FakeProc(Path root) {
    this.root = root;
  }

  FakeProc system(
      long uptimeCentis, long cpuTotal, long cpuIdle, long memTotalKib, long memAvailableKib) {
    // user nice system idle iowait irq softirq steal guest guest_nice
    write(
        root.resolve("stat"),
        String.format(
            Locale.ROOT,
            "cpu  %d 0 0 %d 0 0 0 0 0 0\ncpu0 0 0 0 0 0 0 0 0 0 0\n",
            cpuTotal - cpuIdle,
            cpuIdle));
    write(
        root.resolve("meminfo"),
        String.format(
            Locale.ROOT,
            "MemTotal:       %d kB\nMemFree:        1 kB\nMemAvailable:   %d kB\n",
            memTotalKib,
            memAvailableKib));
    write(
        root.resolve("uptime"),
        String.format(Locale.ROOT, "%d.%02d 0.00\n", uptimeCentis / 100, uptimeCentis % 100));
    return this;
  }

  FakeProc process(
      int pid,
      String comm,
      long startTicks,
      long utime,
      long stime,
      long rssKib,
      String cgroupPath) {
    return process(pid, comm, startTicks, utime, stime, rssKib, "0::" + cgroupPath + "\n", comm);
  }

  FakeProc process(
      int pid,
      String comm,
      long startTicks,
      long utime,
      long stime,
      long rssKib,
      String cgroupText,
      String argv0) {
    return process(pid, 1, comm, startTicks, utime, stime, 0, 0, rssKib, cgroupText, argv0);
  }

  /** A process with a parent and CPU of reaped children (cutime, cstime). */
  FakeProc child(
      int pid,
      int ppid,
      String comm,
      long startTicks,
      long utime,
      long stime,
      long cutime,
      long cstime,
      String cgroupPath) {
    return process(
        pid,
        ppid,
        comm,
        startTicks,
        utime,
        stime,
        cutime,
        cstime,
        1024,
        "0::" + cgroupPath + "\n",
        comm);
  }

  FakeProc process(
      int pid,
      int ppid,
      String comm,
      long startTicks,
      long utime,
      long stime,
      long cutime,
      long cstime,
      long rssKib,
      String cgroupText,
      String argv0) {
    Path dir = root.resolve(Integer.toString(pid));
    write(
        dir.resolve("stat"),
        String.format(
            Locale.ROOT,
            "%d (%s) S %d %d %d 0 -1 4194560 0 0 0 0 %d %d %d %d 20 0 1 0 %d 1000 %d 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n",
            pid,
            comm,
            ppid,
            pid,
            pid,
            utime,
            stime,
            cutime,
            cstime,
            startTicks,
            rssKib / 4));
    write(
        dir.resolve("status"),
        String.format(
            Locale.ROOT,
            "Name:\t%s\nState:\tS (sleeping)\nVmRSS:\t%8d kB\nThreads:\t1\n",
            comm,
            rssKib));
    write(dir.resolve("cgroup"), cgroupText);
    write(dir.resolve("cmdline"), "/usr/bin/" + argv0 + "\0--flag\0");
    return this;
  }

  FakeProc remove(int pid) {
    Path dir = root.resolve(Integer.toString(pid));
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  FakeProc file(int pid, String name, String text) {
    write(root.resolve(Integer.toString(pid)).resolve(name), text);
    return this;
  }

  FakeProc deleteFile(int pid, String name) {
    try {
      Files.delete(root.resolve(Integer.toString(pid)).resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  private static void write(Path p, String text) {
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
