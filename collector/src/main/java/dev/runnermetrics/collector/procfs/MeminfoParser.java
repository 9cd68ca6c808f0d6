package dev.runnermetrics.collector.procfs;

/**
 * Parses {@code /proc/meminfo} (proc(5)), e.g. {@code MemAvailable: 8123456 kB}. Kernels before
 * 3.14 lack MemAvailable; then MemFree + Buffers + Cached stands in.
 */
public final class MeminfoParser {
  static final String FILE = "/proc/meminfo";

  private MeminfoParser() {}

  public static Meminfo parse(String text) {
    long total = field(text, "MemTotal:", true);
    long available = field(text, "MemAvailable:", false);
    if (available < 0) {
      available =
          field(text, "MemFree:", true)
              + field(text, "Buffers:", true)
              + field(text, "Cached:", true);
    }
    return new Meminfo(total, available);
  }

  private static long field(String text, String key, boolean required) {
    int at = text.startsWith(key) ? 0 : text.indexOf("\n" + key);
    if (at < 0) {
      if (required) {
        throw new ProcParseException(FILE, "no " + key + " line");
      }
      return -1;
    }
    int start = at == 0 ? key.length() : at + 1 + key.length();
    int i = start;
    int n = text.length();
    while (i < n && text.charAt(i) == ' ') {
      i++;
    }
    int from = i;
    while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    long kib = Numbers.parseUnsigned(text, from, i, FILE, key);
    if (!text.startsWith(" kB", i)) {
      throw new ProcParseException(FILE, key + " has no kB unit (truncated?)");
    }
    return kib * 1024;
  }
}
