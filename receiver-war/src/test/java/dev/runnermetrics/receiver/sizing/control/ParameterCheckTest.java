package dev.runnermetrics.receiver.sizing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnermetrics.receiver.sizing.entity.CpuPercentile;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Bounds of the method's parameters, reported under the names the query uses. */
class ParameterCheckTest {

  private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
  private static final Validator VALIDATOR = FACTORY.getValidator();

  @AfterAll
  static void close() {
    FACTORY.close();
  }

  @Test
  void passesTheDefaults() {
    assertSame(
        SizingParameters.DEFAULTS, ParameterCheck.valid(SizingParameters.DEFAULTS, VALIDATOR));
  }

  @Test
  void namesTheFirstOutOfBoundsParameterAsTheQueryDoes() {
    assertEquals("runs", refused(new SizingParameters(0, CpuPercentile.P95, 0.2, 64, 1L << 30)));
    assertEquals(
        "cpu_ceiling", refused(new SizingParameters(10, CpuPercentile.P95, 0.2, 0.01, 1L << 30)));
    assertEquals(
        "memory_ceiling", refused(new SizingParameters(10, CpuPercentile.P95, 0.2, 64, 1024)));
    assertEquals("headroom", refused(new SizingParameters(10, CpuPercentile.P95, 5, 64, 1L << 30)));
  }

  @Test
  void trendRunsDefaultWhenAbsentAndKeepTheMethodsBounds() {
    assertEquals(100, ParameterCheck.runs(null, 100, VALIDATOR));
    assertEquals(7, ParameterCheck.runs("7", 100, VALIDATOR));
    assertThrows(
        InvalidSizingParameterException.class, () -> ParameterCheck.runs("1001", 100, VALIDATOR));
  }

  private static String refused(SizingParameters parameters) {
    return assertThrows(
            InvalidSizingParameterException.class,
            () -> ParameterCheck.valid(parameters, VALIDATOR))
        .parameter();
  }
}
