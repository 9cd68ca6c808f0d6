package dev.runnermetrics.collector.procfs;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads a proc tree rooted at a configurable path ({@code /proc}, or a fake tree in tests).
 *
 * <p>Each file is read with one {@code read} into a reused buffer: proc files are generated on
 * read, so a second read is only needed when the buffer was filled. Not thread-safe: one instance
 * per sampling thread.
 */
public final class ProcFs {
  private final Path root;
  private final String rootPrefix;
  private final StringBuilder path = new StringBuilder(64);
  private byte[] buf = new byte[16 * 1024];
  private int[] pids = new int[1024];

  public ProcFs(Path root) {
    this.root = root;
    String r = root.toString();
    this.rootPrefix = r.endsWith("/") ? r : r + "/";
  }

  public Path root() {
    return root;
  }

  /** Numeric entries of the root (process ids), in directory order. */
  public int[] pids() throws IOException {
    // File.list gives plain names: no Path object per entry, which at thousands of processes is
    // a visible share of a tick.
    String[] names = new File(rootPrefix).list();
    if (names == null) {
      throw new IOException("cannot list " + root);
    }
    int n = 0;
    for (String name : names) {
      int pid = pidOf(name);
      if (pid > 0) {
        if (n == pids.length) {
          pids = Arrays.copyOf(pids, n * 2);
        }
        pids[n++] = pid;
      }
    }
    return Arrays.copyOf(pids, n);
  }

  private static int pidOf(String name) {
    int n = name.length();
    if (n == 0 || n > 9) {
      return -1;
    }
    int v = 0;
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  public CpuTimes cpuTimes() throws IOException {
    return SystemStatParser.parse(readSystem("stat"));
  }

  public Meminfo meminfo() throws IOException {
    return MeminfoParser.parse(readSystem("meminfo"));
  }

  /** Time since boot in hundredths of a second. */
  public long uptimeCentis() throws IOException {
    return UptimeParser.parseCentis(readSystem("uptime"));
  }

  private String readSystem(String name) throws IOException {
    path.setLength(0);
    path.append(rootPrefix).append(name);
    return read(path.toString()).orElseThrow(() -> new IOException(path + " is empty"));
  }

  /**
   * Reads stat, status and cgroup of one process; empty when it vanished (or turned into an empty
   * zombie) between listing and reading.
   *
   * @throws ProcParseException when a file has garbage in it
   */
  public Optional<RawProcess> process(int pid) {
    try {
      Optional<String> stat = read(pidFile(pid, "stat"));
      if (stat.isEmpty()) {
        return Optional.empty();
      }
      // Only numbers are used from status: Latin-1 copies the bytes, without UTF-8 decoding.
      Optional<String> status = read(pidFile(pid, "status"), StandardCharsets.ISO_8859_1);
      Optional<String> cgroup = read(pidFile(pid, "cgroup"));
      if (status.isEmpty() || cgroup.isEmpty()) {
        return Optional.empty();
      }
      PidStat parsed = PidStatParser.parse(stat.get());
      long rss = PidStatusParser.parse(status.get()).rssBytes();
      return Optional.of(new RawProcess(parsed, rss, cgroup.get()));
    } catch (IOException vanished) {
      return Optional.empty();
    }
  }

  /** The cgroup hierarchies this collector can see; empty when mountinfo is not there. */
  public List<CgroupMount> cgroupMounts() {
    path.setLength(0);
    path.append(rootPrefix).append("self/mountinfo");
    try {
      return read(path.toString()).map(MountinfoParser::cgroupMounts).orElse(List.of());
    } catch (IOException | ProcParseException e) {
      return List.of();
    }
  }

  /**
   * One file of a cgroup directory (an absolute path under a cgroup mount); empty when it is not
   * there or not readable (the cgroup was removed, or this kernel does not have that file).
   */
  public Optional<String> cgroupFile(String dir, String name) {
    path.setLength(0);
    path.append(dir).append('/').append(name);
    try {
      return read(path.toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /**
   * Reads and parses {@code /proc/[pid]/stat}: CPU times, identity and RSS (field 24, in pages) in
   * one file. Empty when the process vanished (or is an empty zombie).
   *
   * @throws ProcParseException when the file has garbage in it
   */
  public Optional<PidStat> stat(int pid) {
    try {
      return read(pidFile(pid, "stat")).map(PidStatParser::parse);
    } catch (IOException vanished) {
      return Optional.empty();
    }
  }

  /** The text of {@code /proc/[pid]/cgroup}; empty when missing (vanished, or no cgroups here). */
  public Optional<String> cgroupText(int pid) {
    try {
      return read(pidFile(pid, "cgroup"));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** {@code /proc/pressure/<resource>}; empty where the kernel has no PSI (or it is off). */
  public Optional<String> hostPressure(String resource) {
    path.setLength(0);
    path.append(rootPrefix).append("pressure/").append(resource);
    try {
      return read(path.toString());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The basename of argv[0]; empty for kernel threads, zombies and vanished processes. */
  public Optional<String> argv0(int pid) {
    try {
      return read(pidFile(pid, "cmdline")).flatMap(CmdlineParser::argv0Basename);
    } catch (IOException vanished) {
      return Optional.empty();
    }
  }

  private String pidFile(int pid, String name) {
    path.setLength(0);
    path.append(rootPrefix).append(pid).append('/').append(name);
    return path.toString();
  }

  private Optional<String> read(String file) throws IOException {
    return read(file, StandardCharsets.UTF_8);
  }

  private Optional<String> read(String file, java.nio.charset.Charset charset) throws IOException {
    try (FileInputStream in = new FileInputStream(file)) {
      int n = 0;
      while (true) {
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
        if (n < buf.length) {
          break; // proc files hand out their whole text in one read when it fits
        }
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      return n == 0 ? Optional.empty() : Optional.of(new String(buf, 0, n, charset));
    }
  }
}
