package dev.runnermetrics.receiver.sizing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.receiver.sizing.entity.CpuPercentile;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Query text to parameters, and the bounds a 400 reports, with Hibernate Validator as Payara. */
class SizingParametersTest {

  private static ValidatorFactory factory;
  private static Validator validator;

  @BeforeAll
  static void validator() {
    factory = Validation.buildDefaultValidatorFactory();
    validator = factory.getValidator();
  }

  @AfterAll
  static void close() {
    factory.close();
  }

  @Test
  void absentValuesTakeTheDefaults() {
    SizingParameters p = SizingParameters.fromQuery(null, "", " ", null, null);
    assertEquals(SizingParameters.DEFAULTS, p);
    assertEquals(10, p.runs());
    assertEquals(CpuPercentile.P95, p.cpuPercentile());
    assertEquals(0.2, p.headroom());
    assertTrue(validator.validate(p).isEmpty());
  }

  @Test
  void readsEveryParameter() {
    SizingParameters p = SizingParameters.fromQuery("25", "PEAK", "0.35", "8", "16Gi");
    assertEquals(
        new SizingParameters(25, CpuPercentile.PEAK, 0.35, 8, 16L * 1024 * 1024 * 1024), p);
    assertTrue(validator.validate(p).isEmpty());
    assertEquals(0.5, SizingParameters.fromQuery(null, null, null, "500m", null).cpuCeilingCores());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "abc||||                | runs: must be a whole number, got \"abc\"",
        "|p90|||                | cpu_percentile: must be one of p50, p75, p95, p99, peak, avg,"
            + " got \"p90\"",
        "||lots||               | headroom: must be a number like 0.2, got \"lots\"",
        "||NaN||                | headroom: must be a number like 0.2, got \"NaN\"",
        "|||x|                  | cpu_ceiling: invalid quantity \"x\": must start with a number",
        "||||-1Gi               | memory_ceiling: invalid quantity \"-1Gi\": must not be negative",
      })
  void refusesTextThatIsNoValueNamingTheParameter(
      String runs, String percentile, String headroom, String cpu, String memory, String message) {
    InvalidSizingParameterException e =
        assertThrows(
            InvalidSizingParameterException.class,
            () -> SizingParameters.fromQuery(runs, percentile, headroom, cpu, memory));
    assertEquals(message.strip(), e.getMessage());
    assertEquals(message.strip().substring(0, message.strip().indexOf(':')), e.parameter());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "0||||        | runs       | runs must be at least 1",
        "1001||||     | runs       | runs must be at most 1000",
        "||-0.1||     | headroom   | headroom must be at least 0",
        "||2.5||      | headroom   | headroom must be at most 2 (200 %)",
        "|||50m|      | cpuCeilingCores | cpu_ceiling must be at least 100m",
        "|||2000|     | cpuCeilingCores | cpu_ceiling must be at most 1024 cores",
        "||||1Mi      | memoryCeilingBytes | memory_ceiling must be at least 64Mi",
        "||||2Pi      | memoryCeilingBytes | memory_ceiling must be at most 1Pi",
      })
  void boundsGiveAClearMessage(
      String runs,
      String percentile,
      String headroom,
      String cpu,
      String memory,
      String property,
      String message) {
    SizingParameters p = SizingParameters.fromQuery(runs, percentile, headroom, cpu, memory);
    Set<ConstraintViolation<SizingParameters>> violations = validator.validate(p);
    assertEquals(1, violations.size(), violations.toString());
    ConstraintViolation<SizingParameters> v = violations.iterator().next();
    assertEquals(property.strip(), v.getPropertyPath().toString());
    assertEquals(message.strip(), v.getMessage());
  }

  @Test
  void theBoundsThemselvesAreAllowed() {
    for (SizingParameters p :
        Set.of(
            SizingParameters.fromQuery("1", "p50", "0", "100m", "64Mi"),
            SizingParameters.fromQuery("1000", "avg", "2", "1024", "1Pi"))) {
      assertEquals(
          Set.of(),
          validator.validate(p).stream()
              .map(ConstraintViolation::getMessage)
              .collect(Collectors.toSet()),
          p.toString());
    }
  }
}
