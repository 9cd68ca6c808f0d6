package dev.runnermetrics.receiver.problems.boundary;

import dev.runnermetrics.common.scope.InvalidScopeException;
import dev.runnermetrics.receiver.problems.entity.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A scope value (in a body or a query path) that is empty, too long or has control characters. */
@Provider
public class InvalidScopeMapper implements ExceptionMapper<InvalidScopeException> {

  @Override
  public Response toResponse(InvalidScopeException exception) {
    return Problem.badField(exception.field(), exception.getMessage()).toResponse().build();
  }
}
