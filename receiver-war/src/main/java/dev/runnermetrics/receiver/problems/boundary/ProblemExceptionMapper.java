package dev.runnermetrics.receiver.problems.boundary;

import dev.runnermetrics.receiver.problems.entity.ProblemException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Answers a {@link ProblemException} with its problem and headers. */
@Provider
public class ProblemExceptionMapper implements ExceptionMapper<ProblemException> {

  @Override
  public Response toResponse(ProblemException exception) {
    Response.ResponseBuilder response = exception.problem().toResponse();
    exception.headers().forEach(response::header);
    return response.build();
  }
}
