package dev.runnermetrics.collector.procfs;

/**
 * Parses {@code /proc/[pid]/status} (proc(5)): one {@code Key:\tvalue} per line, e.g. {@code
 * VmRSS:\t 123456 kB}. Only VmRSS is read; kernel threads and zombies have none.
 */
public final class PidStatusParser {
  static final String FILE = "status";
  private static final String VMRSS = "\nVmRSS:";

  private PidStatusParser() {}

  public static PidStatus parse(String text) {
    if (!text.startsWith("Name:")) {
      throw new ProcParseException(FILE, "does not start with Name:");
    }
    int at = text.indexOf(VMRSS);
    if (at < 0) {
      return new PidStatus(0);
    }
    return new PidStatus(kibLine(text, at + VMRSS.length(), "VmRSS"));
  }

  /** Reads {@code 123 kB} starting at {@code i}, returning bytes. */
  static long kibLine(String text, int i, String field) {
    int n = text.length();
    while (i < n && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    int from = i;
    while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
      i++;
    }
    long value = Numbers.parseUnsigned(text, from, i, FILE, field);
    if (!text.startsWith(" kB", i)) {
      throw new ProcParseException(FILE, field + " has no kB unit (truncated?)");
    }
    return value * 1024;
  }
}
