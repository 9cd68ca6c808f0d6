package dev.runnermetrics.collector.procfs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the cgroup hierarchies in {@code /proc/[pid]/mountinfo} (proc(5)), e.g. {@code 33 31 0:30 /
 * /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct}: field 4 is the mount's root
 * within the hierarchy, 5 the mount point (octal escapes such as {@code \040} for a space), and
 * after the {@code -} separator the file system type and, last, the super options, which for cgroup
 * v1 name the controllers.
 */
public final class MountinfoParser {
  static final String FILE = "mountinfo";

  private MountinfoParser() {}

  public static List<CgroupMount> cgroupMounts(String text) {
    List<CgroupMount> mounts = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split(" ");
      int dash = Arrays.asList(f).indexOf("-");
      if (dash < 6 || f.length < dash + 4) {
        throw new ProcParseException(FILE, "no '-' separator or too few fields");
      }
      String type = f[dash + 1];
      if (!type.equals("cgroup") && !type.equals("cgroup2")) {
        continue;
      }
      List<String> controllers = new ArrayList<>();
      if (type.equals("cgroup")) {
        for (String option : f[dash + 3].split(",")) {
          if (!option.equals("rw") && !option.equals("ro") && !option.contains("=")) {
            controllers.add(option);
          } else if (option.startsWith("name=")) {
            controllers.add(option);
          }
        }
      }
      mounts.add(
          new CgroupMount(type.equals("cgroup2"), controllers, unescape(f[3]), unescape(f[4])));
    }
    return mounts;
  }

  /** mountinfo writes space, tab, newline and backslash as three octal digits after a {@code \}. */
  static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && isOctal(s, i + 1)) {
        sb.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static boolean isOctal(String s, int from) {
    for (int i = from; i < from + 3; i++) {
      if (i >= s.length() || s.charAt(i) < '0' || s.charAt(i) > '7') {
        return false;
      }
    }
    return true;
  }
}
