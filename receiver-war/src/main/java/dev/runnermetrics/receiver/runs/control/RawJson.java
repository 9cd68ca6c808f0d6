package dev.runnermetrics.receiver.runs.control;

import java.util.Optional;

/**
 * Finds the exact text of a top-level member of a JSON object, so that a payload can be stored and
 * served byte for byte as it was pushed (numbers never pass through a double).
 *
 * <p>The input must already be known to be valid JSON; this only scans structure.
 */
public final class RawJson {

  private RawJson() {}

  /** The raw text of member {@code name} of the top-level object {@code json}, if present. */
  public static Optional<String> member(String json, String name) {
    int i = skipWhitespace(json, 0);
    if (i >= json.length() || json.charAt(i) != '{') {
      return Optional.empty();
    }
    i = skipWhitespace(json, i + 1);
    while (i < json.length() && json.charAt(i) == '"') {
      int keyEnd = skipString(json, i);
      String key = unescape(json.substring(i + 1, keyEnd - 1));
      i = skipWhitespace(json, keyEnd);
      i = skipWhitespace(json, i + 1); // the ':'
      int valueEnd = skipValue(json, i);
      if (key.equals(name)) {
        return Optional.of(json.substring(i, valueEnd));
      }
      i = skipWhitespace(json, valueEnd);
      if (i < json.length() && json.charAt(i) == ',') {
        i = skipWhitespace(json, i + 1);
      } else {
        break;
      }
    }
    return Optional.empty();
  }

  private static int skipWhitespace(String json, int i) {
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        break;
      }
      i++;
    }
    return i;
  }

  /** {@code i} at the opening quote; returns the index after the closing quote. */
  private static int skipString(String json, int i) {
    i++;
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else {
        i++;
      }
    }
    return i;
  }

  private static int skipValue(String json, int i) {
    char first = json.charAt(i);
    if (first == '"') {
      return skipString(json, i);
    }
    if (first == '{' || first == '[') {
      int depth = 0;
      while (i < json.length()) {
        char c = json.charAt(i);
        if (c == '"') {
          i = skipString(json, i);
          continue;
        }
        if (c == '{' || c == '[') {
          depth++;
        } else if (c == '}' || c == ']') {
          depth--;
          if (depth == 0) {
            return i + 1;
          }
        }
        i++;
      }
      return i;
    }
    while (i < json.length()) {
      char c = json.charAt(i);
      if (c == ',' || c == '}' || c == ']' || c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        break;
      }
      i++;
    }
    return i;
  }

  private static String unescape(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char e = s.charAt(++i);
      switch (e) {
        case 'b' -> out.append('\b');
        case 'f' -> out.append('\f');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case 't' -> out.append('\t');
        case 'u' -> {
          out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> out.append(e);
      }
    }
    return out.toString();
  }
}
