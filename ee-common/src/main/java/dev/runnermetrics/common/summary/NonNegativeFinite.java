package dev.runnermetrics.common.summary;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A measurement: finite, not negative, and no larger than {@link #MAX} (1e18, far above any real
 * byte count or core count, far below where a double stops being a sensible JSON number).
 *
 * <p>Bean Validation's own {@code @PositiveOrZero} lets NaN and infinity through on doubles.
 */
@Documented
@Constraint(validatedBy = NonNegativeFinite.Validator.class)
@Target({FIELD, METHOD, PARAMETER, TYPE_USE})
@Retention(RUNTIME)
public @interface NonNegativeFinite {

  /** The largest accepted value. */
  double MAX = 1e18;

  String message() default "must be a finite number between 0 and 1e18";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** Checks doubles, longs and ints alike; null is left to {@code @NotNull}. */
  final class Validator implements ConstraintValidator<NonNegativeFinite, Number> {
    @Override
    public boolean isValid(Number value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      double d = value.doubleValue();
      return Double.isFinite(d) && d >= 0 && d <= MAX;
    }
  }
}
