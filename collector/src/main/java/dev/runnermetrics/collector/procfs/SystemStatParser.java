package dev.runnermetrics.collector.procfs;

/**
 * Parses the first line of {@code /proc/stat} (proc(5)), e.g. {@code cpu 10132153 290696 3084719
 * 46828483 16683 0 25195 0 175628 0}: user nice system idle iowait irq softirq steal guest
 * guest_nice.
 */
public final class SystemStatParser {
  static final String FILE = "/proc/stat";
  private static final int IDLE = 3; // 0-based among the numbers
  private static final int IOWAIT = 4;
  private static final int STEAL = 7; // guest and guest_nice are already counted in user and nice

  private SystemStatParser() {}

  public static CpuTimes parse(String text) {
    if (!text.startsWith("cpu ")) {
      throw new ProcParseException(FILE, "does not start with the aggregate cpu line");
    }
    int eol = text.indexOf('\n');
    if (eol < 0) {
      eol = text.length();
    }
    long total = 0;
    long idle = 0;
    int index = 0;
    int i = 4;
    while (i < eol && index <= STEAL) {
      while (i < eol && text.charAt(i) == ' ') {
        i++;
      }
      int from = i;
      while (i < eol && text.charAt(i) != ' ') {
        i++;
      }
      if (from == i) {
        break;
      }
      long v = Numbers.parseUnsigned(text, from, i, FILE, "cpu field " + index);
      total += v;
      if (index == IDLE || index == IOWAIT) {
        idle += v;
      }
      index++;
    }
    if (index < IOWAIT + 1) {
      throw new ProcParseException(FILE, "cpu line has only " + index + " fields");
    }
    return new CpuTimes(total, idle);
  }
}
