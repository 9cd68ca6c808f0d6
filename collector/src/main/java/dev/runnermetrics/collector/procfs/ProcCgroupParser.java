package dev.runnermetrics.collector.procfs;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code /proc/[pid]/cgroup} (cgroups(7)): lines like {@code 4:memory:/docker/abc} (v1),
 * {@code 0::/kubepods.slice/…/cri-containerd-abc.scope} (v2), or both (hybrid).
 */
public final class ProcCgroupParser {
  static final String FILE = "cgroup";

  private ProcCgroupParser() {}

  public static ProcCgroup parse(String text) {
    List<CgroupEntry> entries = new ArrayList<>(4);
    int i = 0;
    int n = text.length();
    while (i < n) {
      int eol = text.indexOf('\n', i);
      if (eol < 0) {
        eol = n;
      }
      if (eol > i) {
        entries.add(line(text, i, eol));
      }
      i = eol + 1;
    }
    if (entries.isEmpty()) {
      throw new ProcParseException(FILE, "empty");
    }
    return new ProcCgroup(entries);
  }

  private static CgroupEntry line(String text, int from, int to) {
    int c1 = text.indexOf(':', from);
    int c2 = c1 < 0 ? -1 : text.indexOf(':', c1 + 1);
    if (c1 < 0 || c2 < 0 || c2 >= to) {
      throw new ProcParseException(
          FILE, "line without two colons: '" + text.substring(from, to) + "'");
    }
    long id = Numbers.parseUnsigned(text, from, c1, FILE, "hierarchy-ID");
    List<String> controllers = new ArrayList<>(2);
    int s = c1 + 1;
    while (s < c2) {
      int comma = text.indexOf(',', s);
      int end = comma < 0 || comma > c2 ? c2 : comma;
      if (end > s) {
        controllers.add(text.substring(s, end));
      }
      s = end + 1;
    }
    String path = text.substring(c2 + 1, to);
    if (!path.startsWith("/")) {
      throw new ProcParseException(FILE, "path is not absolute: '" + path + "'");
    }
    return new CgroupEntry((int) id, controllers, path);
  }
}
