package dev.runnermetrics.collector.sampling;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The kernel's USER_HZ, the unit of utime/stime/starttime: {@code getconf CLK_TCK}, else 100. */
public final class ClockTicks {
  static final long DEFAULT = 100;
  private static final Logger LOG = System.getLogger(ClockTicks.class.getName());

  private ClockTicks() {}

  /** Asks {@code getconf} once; call at start-up, not per tick. */
  public static long read() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        long hz = Long.parseLong(out);
        if (hz > 0) {
          return hz;
        }
      }
      LOG.log(Level.WARNING, "getconf CLK_TCK said \"{0}\"; assuming {1}", out, DEFAULT);
    } catch (IOException | NumberFormatException e) {
      LOG.log(Level.WARNING, "getconf CLK_TCK failed ({0}); assuming {1}", e.getMessage(), DEFAULT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return DEFAULT;
  }
}
