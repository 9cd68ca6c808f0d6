package dev.runnermetrics.collector.procfs;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
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
 *
 * <p>On a real procfs each process's {@code stat} stays open between ticks and is re-read from
 * offset 0 (a seek and a read: the kernel generates the text afresh), which saves the open and
 * close of every process at every tick. The descriptor belongs to the process it was opened for,
 * not to its pid: once that process has been reaped, reading gives {@code ESRCH}, and the pid is
 * opened afresh (a new holder of the pid, or none). At most {@link #keptLimit()} files are kept
 * (half the descriptor limit, at most {@value #KEPT_MAX}); beyond that a file is opened, read and
 * closed as before. {@link #closeUnread()} closes those of processes not read since the previous
 * call, so descriptors follow the live processes and do not grow with churn. Fake trees (tests) are
 * ordinary files that tests replace, so they are always read with open, read and close.
 */
public final class ProcFs implements AutoCloseable {
  /** Most {@code stat} files kept open at once. */
  static final int KEPT_MAX = 4096;

  /**
   * Bytes asked for per read: the JDK reads up to 8 KiB through a buffer on the stack and mallocs
   * one for anything larger, at every call.
   */
  private static final int READ_CHUNK = 8192;

  private final Path root;
  private final String rootPrefix;
  private final StringBuilder path = new StringBuilder(64);
  private byte[] buf = new byte[16 * 1024];
  private int[] pids = new int[1024];
  private final boolean keepOpen;
  private final int keptLimit;
  // The files kept open, by pid ascending: those read in the previous pass, and those read in this
  // pass (in the order of the reads: /proc lists pids in ascending order, so they stay sorted).
  // Arrays and a binary search, not a map: no boxed pid and no hashing per process per tick.
  private int[] keptPids = new int[0];
  private KeptStat[] keptFiles = new KeptStat[0];
  private int keptN;
  private int[] nextPids = new int[256];
  private KeptStat[] nextFiles = new KeptStat[256];
  private int nextN;
  private int openCount;

  /** An open {@code /proc/[pid]/stat} and the comm last read from it. */
  private static final class KeptStat {
    final RandomAccessFile file;
    String comm;
    byte[] commBytes;

    KeptStat(RandomAccessFile file) {
      this.file = file;
    }
  }

  /** Keeps {@code stat} files open when {@code root} is a procfs. */
  public ProcFs(Path root) {
    this(root, isProcfs(root));
  }

  /**
   * @param keepOpen whether each process's {@code stat} stays open between reads (only right for a
   *     real procfs, whose files belong to one process each)
   */
  public ProcFs(Path root, boolean keepOpen) {
    this.root = root;
    String r = root.toString();
    this.rootPrefix = r.endsWith("/") ? r : r + "/";
    this.keepOpen = keepOpen;
    this.keptLimit = keepOpen ? keptLimit(rootPrefix) : 0;
  }

  private static boolean isProcfs(Path root) {
    try {
      FileStore store = Files.getFileStore(root);
      return "proc".equals(store.type());
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** Half the soft limit on open files from {@code self/limits}, at most {@link #KEPT_MAX}. */
  private static int keptLimit(String rootPrefix) {
    try {
      for (String line : Files.readAllLines(Path.of(rootPrefix + "self/limits"))) {
        if (line.startsWith("Max open files")) {
          String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
          return soft.equals("unlimited")
              ? KEPT_MAX
              : (int) Math.min(KEPT_MAX, Long.parseLong(soft) / 2);
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through: a small number that any limit allows
    }
    return 256;
  }

  /** How many {@code stat} files may be kept open; 0 when none are. */
  public int keptLimit() {
    return keptLimit;
  }

  /** Whether the {@code stat} file of {@code pid} is open now. */
  public boolean isKept(int pid) {
    for (int i = 0; i < nextN; i++) {
      if (nextPids[i] == pid) {
        return true;
      }
    }
    int at = Arrays.binarySearch(keptPids, 0, keptN, pid);
    return at >= 0 && keptFiles[at] != null;
  }

  /** How many {@code stat} files are open now. */
  public int keptCount() {
    return openCount;
  }

  /**
   * Closes the kept {@code stat} files not read since the previous call (their processes are gone
   * from the listing, or were skipped); call once per tick, after reading every process.
   */
  public void closeUnread() {
    for (int i = 0; i < keptN; i++) {
      if (keptFiles[i] != null) {
        closeKept(keptFiles[i]);
        keptFiles[i] = null;
      }
    }
    int[] p = keptPids;
    KeptStat[] f = keptFiles;
    keptPids = nextPids;
    keptFiles = nextFiles;
    keptN = nextN;
    nextPids = p; // every entry of the previous pass is closed and cleared above
    nextFiles = f;
    nextN = 0;
  }

  /** Closes every kept file. */
  @Override
  public void close() {
    closeUnread();
    closeUnread();
  }

  private void closeKept(KeptStat k) {
    closeQuietly(k.file);
    openCount--;
  }

  private static void closeQuietly(RandomAccessFile c) {
    try {
      c.close();
    } catch (IOException e) {
      // a read-only procfs file: nothing was buffered, nothing to lose
    }
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
    return keepOpen ? keptStat(pid) : plainStat(pid);
  }

  private Optional<PidStat> keptStat(int pid) {
    if (nextN > 0 && pid <= nextPids[nextN - 1]) {
      if (pid == nextPids[nextN - 1]) {
        return readKept(pid, nextFiles[nextN - 1], true);
      }
      // Out of ascending order (not how /proc lists): read without keeping.
      return plainStat(pid);
    }
    int at = Arrays.binarySearch(keptPids, 0, keptN, pid);
    KeptStat k = null;
    if (at >= 0 && keptFiles[at] != null) {
      k = keptFiles[at];
      keptFiles[at] = null; // moves to this pass
    }
    if (k != null) {
      Optional<PidStat> s = readKept(pid, k, false);
      if (s != null) {
        return s;
      }
      // ESRCH: the process this file was opened for is gone; the pid may have a new holder.
      closeKept(k);
    }
    if (openCount >= keptLimit) {
      return plainStat(pid);
    }
    RandomAccessFile c;
    try {
      c = new RandomAccessFile(pidFile(pid, "stat"), "r");
    } catch (IOException | RuntimeException vanished) {
      return Optional.empty();
    }
    k = new KeptStat(c);
    openCount++;
    Optional<PidStat> s = readKept(pid, k, false);
    if (s == null) {
      closeKept(k);
      return Optional.empty();
    }
    return s;
  }

  /**
   * Reads a kept file and records it in this pass; null when the process is gone (the file is then
   * not recorded).
   */
  private Optional<PidStat> readKept(int pid, KeptStat k, boolean recorded) {
    int n = pread(k.file);
    if (n < 0) {
      if (recorded) {
        nextN--;
        nextFiles[nextN] = null;
        closeKept(k);
        return Optional.empty();
      }
      return null;
    }
    if (!recorded) {
      if (nextN == nextPids.length) {
        int size = Math.max(256, nextN * 2);
        nextPids = Arrays.copyOf(nextPids, size);
        nextFiles = Arrays.copyOf(nextFiles, size);
      }
      nextPids[nextN] = pid;
      nextFiles[nextN] = k;
      nextN++;
    }
    if (n == 0) {
      return Optional.empty();
    }
    PidStat s = PidStatParser.parse(buf, n, k.commBytes, k.comm);
    if (s.comm() != k.comm) {
      k.comm = s.comm();
      k.commBytes = s.comm().getBytes(StandardCharsets.UTF_8);
    }
    return Optional.of(s);
  }

  private Optional<PidStat> plainStat(int pid) {
    try {
      return read(pidFile(pid, "stat")).map(PidStatParser::parse);
    } catch (IOException vanished) {
      return Optional.empty();
    }
  }

  /** The whole file from offset 0 into {@link #buf}; its length, or −1 when it cannot be read. */
  private int pread(RandomAccessFile f) {
    try {
      f.seek(0);
      int n = 0;
      while (true) {
        int want = Math.min(READ_CHUNK, buf.length - n);
        int r = f.read(buf, n, want);
        if (r < 0) {
          return n;
        }
        n += r;
        if (r < want) {
          return n; // proc files hand out their whole text in one read when it fits
        }
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
    } catch (IOException e) {
      return -1;
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
        int want = Math.min(READ_CHUNK, buf.length - n);
        int r = in.read(buf, n, want);
        if (r < 0) {
          break;
        }
        n += r;
        if (r < want) {
          break; // proc files hand out their whole text in one read when it fits
        }
        if (n == buf.length) {
          buf = Arrays.copyOf(buf, buf.length * 2);
        }
      }
      return n == 0 ? Optional.empty() : Optional.of(new String(buf, 0, n, charset));
    }
  }
}
