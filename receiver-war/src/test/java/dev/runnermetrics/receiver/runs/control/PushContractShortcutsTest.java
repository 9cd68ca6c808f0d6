package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.InstantMillis;
import dev.runnermetrics.common.summary.Limits;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** PushContract's hand-written shortcuts give the same answers as what they stand in for. */
class PushContractShortcutsTest {

  @Test
  void controlCharacterLoopMatchesTheContractsRegexForEveryChar() {
    Pattern regex = Pattern.compile(Limits.NO_CONTROL_CHARACTERS);
    for (char c = 0; c < Character.MIN_SURROGATE; c++) {
      String text = "a" + c + "b";
      assertEquals(
          regex.matcher(text).matches(),
          PushContract.hasNoControlCharacter(text),
          () -> "U+" + Integer.toHexString(text.charAt(1)));
    }
    assertTrue(PushContract.hasNoControlCharacter("emoji \ud83d\ude00 and ü"));
  }

  @Test
  void instantShortcutAgreesWithInstantMillis() {
    List<String> edges =
        List.of(
            "2024-02-29T00:00:00.000Z",
            "2023-02-29T00:00:00.000Z",
            "2000-02-29T12:00:00.000Z",
            "1900-02-29T12:00:00.000Z",
            "2026-04-31T00:00:00.000Z",
            "2026-12-31T23:59:59.999Z",
            "2026-12-31T24:00:00.000Z",
            "2026-12-31T23:60:00.000Z",
            "2026-12-31T23:59:60.000Z",
            "2026-00-10T00:00:00.000Z",
            "2026-13-10T00:00:00.000Z",
            "2026-01-00T00:00:00.000Z",
            "2026-01-32T00:00:00.000Z",
            "0000-01-01T00:00:00.000Z",
            "9999-12-31T23:59:59.999Z",
            "2026-1a-10T00:00:00.000Z",
            "2026-01-10t00:00:00.000z",
            "2026-01-10T00:00:00.000+01:00",
            "2026-01-10T00:00:00Z",
            "2026-01-10T00:00:00.0000Z",
            "2026-01-10 00:00:00.000Z",
            "+2026-01-10T00:00:00.000Z",
            "2026-01-10T00:00:00.-01Z");
    for (String text : edges) {
      assertEquals(parses(text), PushContract.isInstant(text), text);
    }
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      String text =
          InstantMillis.format(Instant.ofEpochMilli(random.nextLong() % 253_402_300_799_000L));
      if (text.startsWith("-")) {
        continue;
      }
      assertEquals(parses(text), PushContract.isInstant(text), text);
    }
  }

  private static boolean parses(String text) {
    try {
      InstantMillis.parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
