package dev.runnermetrics.collector.procfs;

import java.util.Optional;

/**
 * Parses {@code /proc/[pid]/cmdline} (proc(5)): arguments separated by NUL bytes; empty for kernel
 * threads and zombies.
 */
public final class CmdlineParser {
  private CmdlineParser() {}

  /**
   * The last path component of argv[0], e.g. {@code forgejo-runner} for {@code
   * /usr/bin/forgejo-runner}.
   */
  public static Optional<String> argv0Basename(String text) {
    int end = text.indexOf('\0');
    if (end < 0) {
      end = text.length();
    }
    // Some programs rewrite their title into argv[0] with spaces ("postgres: writer"): keep the
    // first word.
    int space = text.indexOf(' ');
    if (space >= 0 && space < end && text.lastIndexOf('/', space) < 0) {
      end = space;
    }
    int slash = text.lastIndexOf('/', end - 1);
    String base = text.substring(slash + 1, end);
    return base.isEmpty() ? Optional.empty() : Optional.of(base);
  }
}
