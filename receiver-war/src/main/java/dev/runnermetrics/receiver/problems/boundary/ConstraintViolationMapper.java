package dev.runnermetrics.receiver.problems.boundary;

import dev.runnermetrics.receiver.problems.control.FieldPaths;
import dev.runnermetrics.receiver.problems.entity.Problem;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Comparator;
import java.util.List;

/** A 400 whose detail names every invalid field by its JSON path, first field in {@code field}. */
@Provider
public class ConstraintViolationMapper implements ExceptionMapper<ConstraintViolationException> {

  /** The resource parameter wrapping the push request; its own name is not a JSON field. */
  private static final String WRAPPER_PROPERTY = "request";

  @Override
  public Response toResponse(ConstraintViolationException exception) {
    List<String[]> fields =
        exception.getConstraintViolations().stream()
            .map(ConstraintViolationMapper::describe)
            .sorted(Comparator.comparing((String[] f) -> f[0]).thenComparing(f -> f[1]))
            .toList();
    if (fields.isEmpty()) {
      return Problem.of(400, "the request is not valid").toResponse().build();
    }
    String detail =
        String.join("; ", fields.stream().map(f -> f[0] + " " + f[1]).distinct().toList());
    return Problem.badField(fields.get(0)[0], detail).toResponse().build();
  }

  private static String[] describe(ConstraintViolation<?> violation) {
    boolean wrapped = false;
    for (var node : violation.getPropertyPath()) {
      if (node.getName() != null && node.getKind() == jakarta.validation.ElementKind.PROPERTY) {
        wrapped = WRAPPER_PROPERTY.equals(node.getName());
        break;
      }
    }
    String field = FieldPaths.json(violation.getPropertyPath(), wrapped);
    return new String[] {field.isEmpty() ? "body" : field, violation.getMessage()};
  }
}
