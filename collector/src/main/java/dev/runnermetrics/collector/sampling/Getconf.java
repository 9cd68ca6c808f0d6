package dev.runnermetrics.collector.sampling;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Asks {@code getconf} for one positive system value once, at start-up. */
final class Getconf {
  private static final Logger LOG = System.getLogger(Getconf.class.getName());

  private Getconf() {}

  static long value(String name, long fallback) {
    try {
      Process p = new ProcessBuilder("getconf", name).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        long v = Long.parseLong(out);
        if (v > 0) {
          return v;
        }
      }
      LOG.log(Level.WARNING, "getconf {0} said \"{1}\"; assuming {2}", name, out, fallback);
    } catch (IOException | NumberFormatException e) {
      LOG.log(
          Level.WARNING, "getconf {0} failed ({1}); assuming {2}", name, e.getMessage(), fallback);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return fallback;
  }
}
