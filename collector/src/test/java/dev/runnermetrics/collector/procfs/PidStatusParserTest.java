package dev.runnermetrics.collector.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PidStatusParserTest {

  @Test
  void readsVmRssInBytes() {
    assertEquals(
        20000L * 1024, PidStatusParser.parse(Fixtures.read("spaces-comm", "status")).rssBytes());
  }

  @Test
  void kernelThreadHasNoResidentMemory() {
    assertEquals(0, PidStatusParser.parse(Fixtures.read("kernel-thread", "status")).rssBytes());
  }

  @Test
  void zombieHasNoResidentMemory() {
    assertEquals(0, PidStatusParser.parse(Fixtures.read("zombie", "status")).rssBytes());
  }

  @Test
  void rejectsTruncatedVmRss() {
    ProcParseException e =
        assertThrows(
            ProcParseException.class,
            () -> PidStatusParser.parse(Fixtures.read("truncated", "status")));
    assertEquals("status", e.file());
  }

  @Test
  void rejectsEmptyStatus() {
    assertThrows(
        ProcParseException.class, () -> PidStatusParser.parse(Fixtures.read("empty", "status")));
  }
}
