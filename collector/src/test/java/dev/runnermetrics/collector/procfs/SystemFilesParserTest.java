package dev.runnermetrics.collector.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SystemFilesParserTest {

  @Test
  void procStatSumsTheAggregateLineWithoutGuestTime() {
    CpuTimes t = SystemStatParser.parse(Fixtures.read("system", "stat"));
    // user nice system idle iowait irq softirq steal = 31008+0+2851+91567+227+0+130+110
    assertEquals(125893, t.totalTicks());
    assertEquals(91567 + 227, t.idleTicks());
  }

  @Test
  void procStatWithGuestTimeDoesNotCountItTwice() {
    CpuTimes t = SystemStatParser.parse("cpu  100 0 0 50 0 0 0 0 40 0\n");
    assertEquals(150, t.totalTicks());
  }

  @Test
  void rejectsProcStatWithoutCpuLine() {
    assertThrows(ProcParseException.class, () -> SystemStatParser.parse("intr 1 2 3\n"));
    assertThrows(ProcParseException.class, () -> SystemStatParser.parse("cpu  1 2\n"));
  }

  @Test
  void meminfoUsedIsTotalMinusAvailable() {
    Meminfo m = MeminfoParser.parse(Fixtures.read("system", "meminfo"));
    assertEquals(24684092L * 1024, m.totalBytes());
    assertEquals(23905648L * 1024, m.availableBytes());
    assertEquals((24684092L - 23905648L) * 1024, m.usedBytes());
  }

  @Test
  void meminfoOfOldKernelsEstimatesAvailable() {
    Meminfo m = MeminfoParser.parse(Fixtures.read("meminfo-old", "meminfo"));
    assertEquals((22994492L + 56168 + 1036424) * 1024, m.availableBytes());
  }

  @Test
  void rejectsTruncatedMeminfo() {
    assertThrows(ProcParseException.class, () -> MeminfoParser.parse("MemTotal:       24684"));
    assertThrows(ProcParseException.class, () -> MeminfoParser.parse(""));
  }

  @Test
  void uptimeInHundredths() {
    assertEquals(63076, UptimeParser.parseCentis(Fixtures.read("system", "uptime")));
    assertThrows(ProcParseException.class, () -> UptimeParser.parseCentis("12"));
  }

  @Test
  void argv0BasenameFromCmdline() {
    assertEquals(
        Optional.of("forgejo-runner-long"),
        CmdlineParser.argv0Basename("/usr/local/bin/forgejo-runner-long\0daemon\0"));
    assertEquals(Optional.of("postgres:"), CmdlineParser.argv0Basename("postgres: writer process"));
    assertEquals(Optional.empty(), CmdlineParser.argv0Basename(""));
  }
}
