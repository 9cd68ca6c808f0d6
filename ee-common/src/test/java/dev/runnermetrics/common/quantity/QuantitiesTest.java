package dev.runnermetrics.common.quantity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

  @ParameterizedTest
  @CsvSource({
    "2, 2.0",
    "500m, 0.5",
    "0.5, 0.5",
    "1.5e3m, 1.5",
    "100m, 0.1",
    "1, 1.0",
    "250000u, 0.25",
    "2e0, 2.0",
    "1e-3, 0.001",
    "+3, 3.0",
    ".5, 0.5",
    "0, 0.0"
  })
  void parsesCpuCores(String text, double cores) {
    assertEquals(cores, Quantities.cpuCores(text), 1e-12);
  }

  @ParameterizedTest
  @CsvSource({
    "1024, 1024",
    "1Ki, 1024",
    "256Mi, 268435456",
    "1Gi, 1073741824",
    "1.5Gi, 1610612736",
    "1Ti, 1099511627776",
    "1Pi, 1125899906842624",
    "1Ei, 1152921504606846976",
    "1K, 1000",
    "1k, 1000",
    "1M, 1000000",
    "1G, 1000000000",
    "2T, 2000000000000",
    "1P, 1000000000000000",
    "1E, 1000000000000000000",
    "1e3, 1000",
    "1E3, 1000",
    "128974848, 128974848",
    "129e6, 129000000",
    "123Mi, 128974848",
    "0.5, 1",
    "1500m, 2"
  })
  void parsesBytes(String text, long bytes) {
    assertEquals(bytes, Quantities.bytes(text));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "abc", "1x", "1 Gi", "Gi", "-1", "-500m", "1.2.3", "1e", "1e999", "1ee3", "1Gib", "."
      })
  void rejectsMalformedQuantitiesNamingTheValue(String bad) {
    InvalidQuantityException e =
        assertThrows(InvalidQuantityException.class, () -> Quantities.cpuCores(bad));
    assertEquals(bad, e.value());
    assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"8Ei", "10E", "1e19"})
  void rejectsByteCountsBeyondALong(String big) {
    assertThrows(InvalidQuantityException.class, () -> Quantities.bytes(big));
  }

  @org.junit.jupiter.api.Test
  void rejectsNullAsEmpty() {
    assertThrows(InvalidQuantityException.class, () -> Quantities.bytes(null));
  }
}
