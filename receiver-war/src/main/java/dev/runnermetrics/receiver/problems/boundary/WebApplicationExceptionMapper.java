package dev.runnermetrics.receiver.problems.boundary;

import dev.runnermetrics.receiver.problems.entity.Problem;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** JAX-RS's own refusals (404, 405, 406, 415…) as problem+json instead of an HTML page. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

  @Override
  public Response toResponse(WebApplicationException exception) {
    int status = exception.getResponse().getStatus();
    String detail =
        switch (status) {
          case 404 -> "no such resource";
          case 405 -> "method not allowed on this resource";
          case 406 -> "this resource answers with application/json only";
          case 415 -> "the body must be application/json";
          default -> null;
        };
    Response.ResponseBuilder response = Problem.of(status, detail).toResponse();
    String allow = exception.getResponse().getHeaderString("Allow");
    if (allow != null) {
      response.header("Allow", allow);
    }
    return response.build();
  }
}
