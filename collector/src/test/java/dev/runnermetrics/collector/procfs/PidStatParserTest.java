package dev.runnermetrics.collector.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

  private static final String TAIL =
      " S 1 20 20 0 -1 4194560 500 0 0 0 7 3 1 2 20 0 1 0 4242 10240000 900 18446744073709551615";

  @Test
  void keepsThePreviousCommInstanceWhenTheBytesAreTheSame() {
    byte[] b = ("77 (make)" + TAIL + "\n").getBytes(StandardCharsets.UTF_8);
    PidStat first = PidStatParser.parse(b, b.length, null, null);
    String comm = first.comm();
    PidStat again = PidStatParser.parse(b, b.length, comm.getBytes(StandardCharsets.UTF_8), comm);
    assertSame(comm, again.comm());
    assertEquals(first, again);
    byte[] exec = ("77 (cc1)" + TAIL + "\n").getBytes(StandardCharsets.UTF_8);
    PidStat after =
        PidStatParser.parse(exec, exec.length, comm.getBytes(StandardCharsets.UTF_8), comm);
    assertEquals("cc1", after.comm());
  }

  @Test
  void parsesOnlyTheBytesGivenFromALargerBuffer() {
    byte[] text = ("77 (a) b)" + TAIL + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] buf = Arrays.copyOf(text, 4096);
    Arrays.fill(buf, text.length, buf.length, (byte) ')');
    PidStat s = PidStatParser.parse(buf, text.length, null, null);
    assertEquals("a) b", s.comm());
    assertEquals(10, s.cpuTicks());
    assertEquals(4242, s.startTimeTicks());
    assertEquals(900, s.rssPages());
  }

  @Test
  void findsTheLastParenthesisOfTheLongestCommAKernelWrites() {
    // Workqueue workers' names reach 63 bytes; parentheses inside must not end comm early.
    String comm = "kworker/u8:2-events_unbound) R 1 (x" + "y".repeat(63 - 35);
    assertEquals(63, comm.length());
    PidStat s = PidStatParser.parse("9 (" + comm + ")" + TAIL + "\n");
    assertEquals(comm, s.comm());
    assertEquals(1, s.ppid());
    assertEquals(4242, s.startTimeTicks());
  }

  @Test
  void multiByteCommIsDecodedAsUtf8() {
    PidStat s = PidStatParser.parse("9 (bäck ✓)" + TAIL + "\n");
    assertEquals("bäck ✓", s.comm());
    byte[] b = ("9 (bäck ✓)" + TAIL + "\n").getBytes(StandardCharsets.UTF_8);
    String comm = s.comm();
    assertSame(
        comm, PidStatParser.parse(b, b.length, comm.getBytes(StandardCharsets.UTF_8), comm).comm());
  }

  @Test
  void fakeTreesAreNotKeptOpen(@TempDir Path dir) {
    assertEquals(0, new ProcFs(dir).keptLimit());
  }
}
