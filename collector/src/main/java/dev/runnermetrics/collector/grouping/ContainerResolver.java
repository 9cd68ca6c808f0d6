package dev.runnermetrics.collector.grouping;

import dev.runnermetrics.collector.procfs.ProcCgroupParser;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Decides which container each process belongs to.
 *
 * <p>The rules, in order: (1) a process whose name is a key of {@code CGROUP_PROCESS_MAP} names its
 * cgroup path after the mapped container, and that naming sticks for the rest of the run, so every
 * process in that path, before and after, belongs to that container; (2) a process in any other
 * cgroup is reported under {@link ContainerNames#fromCgroupPath a short name of its path}. The name
 * of a process is its comm, or the basename of argv[0] when comm is cut at 15 characters.
 *
 * <p>Holds one entry per distinct cgroup seen, not per process.
 */
public final class ContainerResolver {
  /** The kernel keeps comm in 16 bytes including the NUL: longer names are cut to 15. */
  public static final int COMM_MAX = 15;

  private static final Logger LOG = System.getLogger(ContainerResolver.class.getName());
  private static final int CACHE_LIMIT = 4096;

  private final ProcessMap processMap;
  private final Map<String, String> pathByCgroupText = new HashMap<>();
  private final Map<String, String> mappedContainerByPath = new HashMap<>();
  private final Map<String, String> shortNameByPath = new HashMap<>();

  public ContainerResolver(ProcessMap processMap) {
    this.processMap = processMap;
  }

  /** The container path from a raw {@code /proc/[pid]/cgroup} text, cached by text. */
  public String cgroupPath(String cgroupText) {
    String path = pathByCgroupText.get(cgroupText);
    if (path == null) {
      path = ProcCgroupParser.parse(cgroupText).containerPath();
      if (pathByCgroupText.size() >= CACHE_LIMIT) {
        pathByCgroupText.clear();
      }
      pathByCgroupText.put(cgroupText, path);
    }
    return path;
  }

  /**
   * The process's name: comm, unless comm is exactly 15 characters (possibly cut), then argv[0]'s
   * basename when it starts with comm.
   */
  public static String processName(String comm, Supplier<Optional<String>> argv0) {
    if (comm.length() < COMM_MAX) {
      return comm;
    }
    return argv0.get().filter(a -> a.startsWith(comm)).orElse(comm);
  }

  /** Rule (1): remembers the path of a process that the map names. */
  public void observe(String processName, String cgroupPath) {
    Optional<String> container = mapped(processName);
    if (container.isEmpty() || mappedContainerByPath.containsKey(cgroupPath)) {
      return;
    }
    mappedContainerByPath.put(cgroupPath, container.get());
    LOG.log(
        Level.INFO,
        "container {0} is cgroup {1} (found by process {2})",
        container.get(),
        cgroupPath,
        processName);
  }

  private Optional<String> mapped(String processName) {
    Optional<String> exact = processMap.containerFor(processName);
    if (exact.isPresent() || processName.length() != COMM_MAX) {
      return exact;
    }
    // comm cut at 15 and no argv[0] to tell (a zombie, say): a longer key that starts with it.
    for (Map.Entry<String, String> e : processMap.containerByProcess().entrySet()) {
      if (e.getKey().length() > COMM_MAX && e.getKey().startsWith(processName)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /** The container of a process in {@code cgroupPath}. */
  public String containerOf(String cgroupPath) {
    String mapped = mappedContainerByPath.get(cgroupPath);
    if (mapped != null) {
      return mapped;
    }
    return shortNameByPath.computeIfAbsent(cgroupPath, ContainerNames::fromCgroupPath);
  }
}
