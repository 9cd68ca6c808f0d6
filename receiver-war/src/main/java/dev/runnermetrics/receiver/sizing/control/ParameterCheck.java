package dev.runnermetrics.receiver.sizing.control;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.Map;

/**
 * Holds the method's parameters to their Bean Validation bounds and reports the first one out of
 * bounds under its query name, so the 400 names what the user typed.
 */
public final class ParameterCheck {

  private static final Map<String, String> QUERY_NAMES =
      Map.of(
          "runs", "runs",
          "cpuPercentile", "cpu_percentile",
          "headroom", "headroom",
          "cpuCeilingCores", "cpu_ceiling",
          "memoryCeilingBytes", "memory_ceiling");

  private ParameterCheck() {}

  /**
   * {@code parameters} when within bounds.
   *
   * @throws InvalidSizingParameterException naming the first parameter (by query name) out of them
   */
  public static SizingParameters valid(SizingParameters parameters, Validator validator) {
    validator.validate(parameters).stream()
        .min(Comparator.comparing((ConstraintViolation<?> v) -> v.getPropertyPath().toString()))
        .ifPresent(
            v -> {
              String property = v.getPropertyPath().toString();
              throw new InvalidSizingParameterException(
                  QUERY_NAMES.getOrDefault(property, property), v.getMessage());
            });
    return parameters;
  }

  /**
   * The {@code runs} query value for the usage trends: {@code defaultRuns} when absent, else within
   * the method's bounds.
   */
  public static int runs(String text, int defaultRuns, Validator validator) {
    if (text == null || text.isBlank()) {
      return defaultRuns;
    }
    return valid(SizingParameters.fromQuery(text, null, null, null, null), validator).runs();
  }
}
