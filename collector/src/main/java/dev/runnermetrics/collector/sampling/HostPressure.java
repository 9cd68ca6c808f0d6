package dev.runnermetrics.collector.sampling;

import dev.runnermetrics.collector.procfs.PressureFile;
import dev.runnermetrics.collector.procfs.PressureParser;
import dev.runnermetrics.collector.procfs.ProcFs;
import dev.runnermetrics.collector.procfs.ProcParseException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;

/** Pipeline step: the host's pressure stall information, {@code /proc/pressure/*}. */
final class HostPressure {
  private static final Logger LOG = System.getLogger(HostPressure.class.getName());

  private final ProcFs fs;
  private boolean hostPressure = true;

  HostPressure(ProcFs fs) {
    this.fs = fs;
  }

  private static final List<String> PSI_RESOURCES = List.of("cpu", "memory", "io");

  /** The host's {@code /proc/pressure/*}; files found missing once are not looked for again. */
  PressureReading read() {
    if (!hostPressure) {
      return PressureReading.NONE;
    }
    PressureFile[] files = new PressureFile[3];
    for (int i = 0; i < 3; i++) {
      try {
        files[i] = fs.hostPressure(PSI_RESOURCES.get(i)).map(PressureParser::parse).orElse(null);
      } catch (ProcParseException e) {
        LOG.log(Level.DEBUG, "host pressure: {0}", e.getMessage());
      }
    }
    PressureReading r = new PressureReading(files[0], files[1], files[2]);
    hostPressure = r.any();
    return r;
  }
}
