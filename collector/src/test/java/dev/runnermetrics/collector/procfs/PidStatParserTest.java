package dev.runnermetrics.collector.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PidStatParserTest {

  @Test
  void parsesCommWithParenthesesFromTheLastParenthesis() {
    PidStat s = PidStatParser.parse(Fixtures.read("hostile-comm", "stat"));
    assertEquals(1020, s.pid());
    assertEquals("(a b ) ( c d) ", s.comm());
    assertEquals('R', s.state());
    assertEquals(1, s.ppid());
    assertEquals(1500, s.utimeTicks());
    assertEquals(250, s.stimeTicks());
    assertEquals(30, s.cutimeTicks());
    assertEquals(40, s.cstimeTicks());
    assertEquals(63076, s.startTimeTicks());
    assertEquals(1750, s.cpuTicks());
  }

  @Test
  void parsesCommWithSpaces() {
    PidStat s = PidStatParser.parse(Fixtures.read("spaces-comm", "stat"));
    assertEquals("Web Content", s.comm());
    assertEquals(4000, s.ppid());
    assertEquals(1000, s.cpuTicks());
    assertEquals(81234, s.startTimeTicks());
  }

  @Test
  void parsesCommWithNewline() {
    PidStat s = PidStatParser.parse(Fixtures.read("newline-comm", "stat"));
    assertEquals("a\nb", s.comm());
    assertEquals(11, s.cpuTicks());
    assertEquals(7, s.cutimeTicks());
    assertEquals(8, s.cstimeTicks());
    assertEquals(999, s.startTimeTicks());
  }

  @Test
  void parsesKernelThread() {
    PidStat s = PidStatParser.parse(Fixtures.read("kernel-thread", "stat"));
    assertEquals(2, s.pid());
    assertEquals("kthreadd", s.comm());
    assertEquals(0, s.ppid());
    assertEquals(3, s.cpuTicks());
    assertEquals(9, s.startTimeTicks());
  }

  @Test
  void parsesZombie() {
    PidStat s = PidStatParser.parse(Fixtures.read("zombie", "stat"));
    assertTrue(s.zombie());
    assertEquals(50, s.cpuTicks());
  }

  @Test
  void rejectsTruncatedStatNamingTheFile() {
    ProcParseException e =
        assertThrows(
            ProcParseException.class,
            () -> PidStatParser.parse(Fixtures.read("truncated", "stat")));
    assertEquals("stat", e.file());
    assertTrue(e.reason().contains("truncated"), e.reason());
  }

  @Test
  void rejectsGarbageInsteadOfReadingZero() {
    ProcParseException e =
        assertThrows(
            ProcParseException.class, () -> PidStatParser.parse(Fixtures.read("garbage", "stat")));
    assertTrue(e.reason().contains("utime"), e.reason());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "1020 bash R 1",
        "(bash) R 1",
        "x1 (bash) R 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1"
      })
  void rejectsMalformedStat(String text) {
    assertThrows(ProcParseException.class, () -> PidStatParser.parse(text));
  }
}
