package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.runnermetrics.common.summary.InstantMillis;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The byte writers of the GET's envelopes against the string functions they stand in for. */
class BytesTest {

  private static String text(Bytes bytes) {
    return new String(bytes.array(), 0, bytes.size(), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(
      longs = {
        0L,
        1L,
        999L,
        1000L,
        86_399_999L,
        86_400_000L,
        -1L,
        -86_400_001L,
        951_782_400_000L, // 2000-02-29
        1_709_164_800_123L, // 2024-02-29T00:00:00.123Z
        1_770_388_202_185L, // 2026-02-06T14:30:02.185Z
        253_402_300_799_999L, // 9999-12-31T23:59:59.999Z, the last four-digit year
        253_402_300_800_000L, // +10000-01-01: through InstantMillis
        -62_167_219_200_000L, // 0000-01-01T00:00:00.000Z
        -62_167_219_200_001L, // year -1: through InstantMillis
        Long.MAX_VALUE / 1000,
        Long.MIN_VALUE / 1000
      })
  void writesTimestampsAsInstantMillisFormatsThem(long millis) {
    assertEquals(
        InstantMillis.format(Instant.ofEpochMilli(millis)),
        text(new Bytes(1).appendTimestamp(millis)));
  }

  @Test
  void writesRandomTimestampsAsInstantMillisFormatsThem() {
    Random random = new Random(6);
    for (int i = 0; i < 20_000; i++) {
      long millis = random.nextLong() % 253_402_300_800_000L;
      assertEquals(
          InstantMillis.format(Instant.ofEpochMilli(millis)),
          text(new Bytes(4).appendTimestamp(millis)),
          "millis " + millis);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 7, 9, 10, 99, 100, 123_456_789, Long.MAX_VALUE, -1, Long.MIN_VALUE})
  void writesNumbersAsLongToStringDoes(long value) {
    assertEquals(Long.toString(value), text(new Bytes(1).appendLong(value)));
  }

  @Test
  void quotesUtf8BytesAsQuoteDoesTheText() {
    StringBuilder controls = new StringBuilder();
    for (char c = 0; c < 0x20; c++) {
      controls.append(c);
    }
    for (String text :
        new String[] {
          "",
          "run-123",
          "a\"b\\c/d",
          controls.toString(),
          "\u007f\u0080\u00e9\u2028\ud83d\ude80",
          "ü\"\nü\\\u0001🚀",
          "x".repeat(300) + "\"".repeat(100)
        }) {
      Bytes bytes = new Bytes(1).appendQuoted(text.getBytes(StandardCharsets.UTF_8));
      assertEquals(RunJson.quote(text), text(bytes), text);
    }
  }

  @Test
  void growsPastItsFirstCapacity() {
    Bytes bytes = new Bytes(1);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      bytes.append(",\"id\":".getBytes(StandardCharsets.US_ASCII)).appendLong(i);
      expected.append(",\"id\":").append(i);
    }
    assertEquals(expected.toString(), text(bytes));
  }
}
