package dev.runnermetrics.collector.procfs;

import java.util.regex.Pattern;

/**
 * Parses a pressure stall file: {@code /proc/pressure/{cpu,memory,io}} and cgroup v2 {@code
 * cpu.pressure}, {@code memory.pressure}, {@code io.pressure} (Documentation/accounting/psi.rst).
 *
 * <pre>some avg10=24.90 avg60=16.64 avg300=7.88 total=32498868
 * full avg10=0.00 avg60=0.00 avg300=0.00 total=0</pre>
 */
public final class PressureParser {
  // Compiled once: these files are read at every tick.
  private static final Pattern SPACES = Pattern.compile(" +");
  private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}\\.[0-9]{1,2}");
  static final String FILE = "pressure";

  private PressureParser() {}

  public static PressureFile parse(String text) {
    PressureLine some = null;
    PressureLine full = null;
    int i = 0;
    int n = text.length();
    while (i < n) {
      int eol = text.indexOf('\n', i);
      if (eol < 0) {
        eol = n;
      }
      if (eol > i) {
        String line = text.substring(i, eol);
        if (line.startsWith("some ")) {
          some = line(line);
        } else if (line.startsWith("full ")) {
          full = line(line);
        } else {
          throw new ProcParseException(FILE, "line is neither some nor full: '" + line + "'");
        }
      }
      i = eol + 1;
    }
    if (some == null) {
      throw new ProcParseException(FILE, "no some line");
    }
    return new PressureFile(some, full);
  }

  private static PressureLine line(String line) {
    Double avg10 = null;
    Long total = null;
    for (String field : SPACES.split(line.substring(5).trim())) {
      int eq = field.indexOf('=');
      if (eq <= 0) {
        throw new ProcParseException(FILE, "field is not key=value: '" + field + "'");
      }
      String key = field.substring(0, eq);
      if (key.equals("avg10")) {
        avg10 = percent(field.substring(eq + 1));
      } else if (key.equals("total")) {
        total = Numbers.parseUnsigned(field, eq + 1, field.length(), FILE, "total");
      }
    }
    if (avg10 == null || total == null) {
      throw new ProcParseException(FILE, "avg10 or total missing: '" + line + "'");
    }
    return new PressureLine(avg10, total);
  }

  private static double percent(String text) {
    if (!PERCENT.matcher(text).matches()) {
      throw new ProcParseException(FILE, "avg10 is not a percentage: '" + text + "'");
    }
    return Double.parseDouble(text);
  }
}
