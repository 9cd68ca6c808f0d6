package dev.runnermetrics.collector.grouping;

/**
 * Short, readable container names for cgroup paths no {@code CGROUP_PROCESS_MAP} entry names.
 *
 * <p>The last path component, with runtime decorations removed: {@code
 * /kubepods.slice/…/cri-containerd-3f2a…9c.scope} → {@code 3f2a1b2c3d4e}, {@code /docker/3f2a…} →
 * {@code 3f2a1b2c3d4e}, {@code /system.slice/ssh.service} → {@code ssh.service}. Long hexadecimal
 * ids are cut to 12 characters like {@code docker ps} does. The root cgroup is {@code host}.
 */
public final class ContainerNames {
  static final String ROOT = "host";
  private static final String[] PREFIXES = {
    "cri-containerd-",
    "docker-",
    "crio-conmon-",
    "crio-",
    "libpod-conmon-",
    "libpod-",
    "containerd-"
  };
  private static final String[] SUFFIXES = {".scope"};
  private static final int SHORT_ID = 12;
  private static final int MAX_LENGTH = 255;

  private ContainerNames() {}

  public static String fromCgroupPath(String path) {
    int end = path.length();
    while (end > 0 && path.charAt(end - 1) == '/') {
      end--;
    }
    if (end == 0) {
      return ROOT;
    }
    String last = path.substring(path.lastIndexOf('/', end - 1) + 1, end);
    for (String suffix : SUFFIXES) {
      if (last.endsWith(suffix) && last.length() > suffix.length()) {
        last = last.substring(0, last.length() - suffix.length());
      }
    }
    for (String prefix : PREFIXES) {
      if (last.startsWith(prefix) && last.length() > prefix.length()) {
        last = last.substring(prefix.length());
        break;
      }
    }
    if (last.length() > SHORT_ID && isHex(last)) {
      last = last.substring(0, SHORT_ID);
    }
    return sanitize(last);
  }

  private static boolean isHex(String s) {
    if (s.length() < 32) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  /** Replaces control characters with {@code ?} and keeps at most 255 characters (the contract). */
  public static String sanitize(String name) {
    StringBuilder sb = null;
    int n = Math.min(name.length(), MAX_LENGTH);
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c)) {
        if (sb == null) {
          sb = new StringBuilder(name.substring(0, n));
        }
        sb.setCharAt(i, '?');
      }
    }
    if (sb != null) {
      return sb.toString();
    }
    String cut = n < name.length() ? name.substring(0, n) : name;
    return cut.isEmpty() ? "?" : cut;
  }
}
