package dev.runnermetrics.receiver.export.control;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/**
 * Writes the Prometheus text exposition format 0.0.4: per family a {@code # HELP} and a {@code #
 * TYPE} line, then its samples, label values escaped as the format requires (backslash, double
 * quote and line feed). Small on purpose: the Prometheus client's writer would need its registry
 * and a new dependency for about forty lines (see docs/decisions.md).
 */
public final class ExpositionWriter {

  /** The media type of the format. */
  public static final String MEDIA_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final StringBuilder out = new StringBuilder();

  /** Starts the family {@code name} of {@code type} (gauge, counter). */
  public ExpositionWriter family(String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(escapeHelp(help)).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    return this;
  }

  /** One sample of the current family; labels in the map's order. */
  public ExpositionWriter sample(String name, Map<String, String> labels, double value) {
    out.append(name);
    if (!labels.isEmpty()) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<String, String> label : labels.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        out.append(label.getKey()).append("=\"").append(escapeLabel(label.getValue())).append('"');
      }
      out.append('}');
    }
    out.append(' ').append(number(value)).append('\n');
    return this;
  }

  /** The text written so far. */
  public String text() {
    return out.toString();
  }

  /** A label value as the format quotes it: {@code \} → {@code \\}, {@code "} → {@code \"}, LF. */
  static String escapeLabel(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** A help text: {@code \} → {@code \\}, line feed → {@code \n}. */
  static String escapeHelp(String help) {
    return help.replace("\\", "\\\\").replace("\n", "\\n");
  }

  /**
   * A value: whole numbers without exponent or fraction, {@code NaN}, {@code +Inf}, {@code -Inf}.
   */
  static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return String.format(Locale.ROOT, "%d", (long) value);
    }
    return BigDecimal.valueOf(value).toPlainString();
  }
}
