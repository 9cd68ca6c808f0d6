package dev.runnermetrics.collector.procfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The parsers of the cgroup files behind OOM kills, throttling, pressure and limits. */
class CgroupOverlayParsersTest {

  @Test
  void readsV2MemoryEvents() {
    assertEquals(
        new MemoryEvents(12L, 40L, 2L, 1L, 0L, null),
        MemoryEventsParser.parse(Fixtures.read("cgroup-v2-files", "memory.events")));
  }

  @Test
  void aV2KernelWithoutOomGroupKillLeavesItNull() {
    MemoryEvents e =
        MemoryEventsParser.parse(Fixtures.read("cgroup-v2-unlimited", "memory.events"));
    assertEquals(0L, e.oomKill());
    assertNull(e.oomGroupKill());
  }

  @Test
  void readsV1OomControlAndFailcnt() {
    assertEquals(
        1L,
        OomControlParser.parse(Fixtures.read("cgroup-v1-files", "memory.oom_control")).oomKill());
    assertEquals(
        42L, MemoryFailcntParser.parse(Fixtures.read("cgroup-v1-files", "memory.failcnt")));
  }

  @Test
  void aV1KernelBefore413HasNoOomKillCounter() {
    assertNull(
        OomControlParser.parse(Fixtures.read("cgroup-v1-old", "memory.oom_control")).oomKill());
  }

  @Test
  void readsBothFormsOfCpuStatInNanoseconds() {
    assertEquals(
        new CpuStat(120L, 96L, 7_712_345_000L),
        CpuStatParser.parse(Fixtures.read("cgroup-v2-files", "cpu.stat")));
    assertEquals(
        new CpuStat(50L, 40L, 3_900_000_000L),
        CpuStatParser.parse(Fixtures.read("cgroup-v1-files", "cpu.stat")));
  }

  @Test
  void aV2CgroupWithoutTheCpuControllerHasNoThrottlingCounters() {
    assertEquals(
        new CpuStat(null, null, null),
        CpuStatParser.parse(Fixtures.read("cgroup-v2-nocpu", "cpu.stat")));
    // hybrid: the unified hierarchy carries no controllers, only usage and PSI
    assertNull(CpuStatParser.parse(Fixtures.read("hybrid-files", "cpu.stat")).periods());
    assertNotNull(PressureParser.parse(Fixtures.read("hybrid-files", "cpu.pressure")).some());
  }

  @Test
  void readsPressureSomeAndFull() {
    PressureFile p = PressureParser.parse(Fixtures.read("cgroup-v2-files", "cpu.pressure"));
    assertEquals(new PressureLine(12.5, 2_500_000), p.some());
    assertEquals(new PressureLine(10.0, 2_000_000), p.full());
    assertEquals(
        new PressureLine(1.02, 123456),
        PressureParser.parse(Fixtures.read("cgroup-v2-files", "io.pressure")).some());
  }

  @Test
  void hostCpuPressureOfOlderKernelsHasNoFullLine() {
    PressureFile p = PressureParser.parse(Fixtures.read("host-pressure-old", "cpu"));
    assertEquals(new PressureLine(24.9, 32_498_868), p.some());
    assertNull(p.full());
  }

  @Test
  void readsLimitsOfBothVersions() {
    assertEquals(
        OptionalDouble.of(0.2), CpuMaxParser.parse(Fixtures.read("cgroup-v2-files", "cpu.max")));
    assertEquals(
        OptionalLong.of(67108864),
        MemoryMaxParser.parse(Fixtures.read("cgroup-v2-files", "memory.max")));
    assertEquals(
        OptionalLong.of(50331648),
        MemoryMaxParser.parse(Fixtures.read("cgroup-v2-files", "memory.high")));
    assertEquals(
        OptionalDouble.of(0.2),
        CfsQuotaParser.parse(
            Fixtures.read("cgroup-v1-files", "cpu.cfs_quota_us"),
            Fixtures.read("cgroup-v1-files", "cpu.cfs_period_us")));
    assertEquals(
        OptionalLong.of(67108864),
        MemoryLimitInBytesParser.parse(Fixtures.read("cgroup-v1-files", "memory.limit_in_bytes")));
  }

  @Test
  void noLimitIsNotANumber() {
    assertTrue(CpuMaxParser.parse(Fixtures.read("cgroup-v2-unlimited", "cpu.max")).isEmpty());
    assertTrue(MemoryMaxParser.parse(Fixtures.read("cgroup-v2-unlimited", "memory.max")).isEmpty());
    assertTrue(
        MemoryMaxParser.parse(Fixtures.read("cgroup-v2-unlimited", "memory.high")).isEmpty());
    assertTrue(
        CfsQuotaParser.parse(
                Fixtures.read("cgroup-v1-unlimited", "cpu.cfs_quota_us"),
                Fixtures.read("cgroup-v1-unlimited", "cpu.cfs_period_us"))
            .isEmpty());
    assertTrue(
        MemoryLimitInBytesParser.parse(
                Fixtures.read("cgroup-v1-unlimited", "memory.limit_in_bytes"))
            .isEmpty());
    // 64 KiB pages round LONG_MAX down further: still no limit
    assertTrue(MemoryLimitInBytesParser.parse("9223372036854710272\n").isEmpty());
  }

  static Stream<Arguments> emptyFiles() {
    return Stream.of(
        Arguments.of("memory.events", (Consumer<String>) MemoryEventsParser::parse),
        Arguments.of("memory.oom_control", (Consumer<String>) OomControlParser::parse),
        Arguments.of("memory.failcnt", (Consumer<String>) MemoryFailcntParser::parse),
        Arguments.of("cpu.stat", (Consumer<String>) CpuStatParser::parse),
        Arguments.of("cpu.pressure", (Consumer<String>) PressureParser::parse),
        Arguments.of("cpu.max", (Consumer<String>) CpuMaxParser::parse),
        Arguments.of("memory.max", (Consumer<String>) MemoryMaxParser::parse),
        Arguments.of("memory.limit_in_bytes", (Consumer<String>) MemoryLimitInBytesParser::parse));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("emptyFiles")
  void anEmptyFileIsAnErrorNotZero(String file, Consumer<String> parser) {
    String text = Fixtures.read("empty-files", file);
    assertThrows(ProcParseException.class, () -> parser.accept(text));
  }

  static Stream<Arguments> garbage() {
    return Stream.of(
        Arguments.of(
            "memory.events oom_kill -1",
            (Consumer<String>) MemoryEventsParser::parse,
            "oom_kill -1\n"),
        Arguments.of(
            "memory.events no value", (Consumer<String>) MemoryEventsParser::parse, "oom_kill\n"),
        Arguments.of(
            "oom_control without under_oom",
            (Consumer<String>) OomControlParser::parse,
            "oom_kill 1\n"),
        Arguments.of(
            "cpu.stat fraction", (Consumer<String>) CpuStatParser::parse, "nr_periods 1.5\n"),
        Arguments.of("pressure other line", (Consumer<String>) PressureParser::parse, "total=5\n"),
        Arguments.of(
            "pressure no total", (Consumer<String>) PressureParser::parse, "some avg10=1.00\n"),
        Arguments.of(
            "pressure avg10 word",
            (Consumer<String>) PressureParser::parse,
            "some avg10=x total=1\n"),
        Arguments.of("cpu.max one field", (Consumer<String>) CpuMaxParser::parse, "20000\n"),
        Arguments.of("cpu.max zero period", (Consumer<String>) CpuMaxParser::parse, "max 0\n"),
        Arguments.of("memory.max negative", (Consumer<String>) MemoryMaxParser::parse, "-1\n"),
        Arguments.of(
            "memory.limit_in_bytes word",
            (Consumer<String>) MemoryLimitInBytesParser::parse,
            "unlimited\n"),
        Arguments.of(
            "cfs quota word", (Consumer<String>) t -> CfsQuotaParser.parse(t, "100000"), "none\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("garbage")
  void garbageIsAnErrorNamingTheFile(String name, Consumer<String> parser, String text) {
    ProcParseException e = assertThrows(ProcParseException.class, () -> parser.accept(text));
    assertNotNull(e.file());
  }
}
