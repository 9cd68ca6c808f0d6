package dev.runnermetrics.receiver.sizing.boundary;

import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.sizing.control.InvalidSizingParameterException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A sizing query parameter that is not a value or out of bounds: 400 naming it. */
@Provider
public class InvalidSizingParameterMapper
    implements ExceptionMapper<InvalidSizingParameterException> {

  @Override
  public Response toResponse(InvalidSizingParameterException exception) {
    return Problem.badField(exception.parameter(), exception.getMessage()).toResponse().build();
  }
}
