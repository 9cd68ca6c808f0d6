package dev.runnermetrics.receiver.problems.boundary;

import dev.runnermetrics.receiver.problems.entity.Problem;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything unforeseen: a 500 whose id is logged with the stack trace, never sent to the client. */
@Provider
public class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {

  private static final Logger LOG = Logger.getLogger(UnexpectedExceptionMapper.class.getName());

  @Override
  public Response toResponse(Throwable exception) {
    String errorId = UUID.randomUUID().toString();
    LOG.log(Level.SEVERE, "request failed, error_id=" + errorId, exception);
    Problem problem =
        new Problem(
            "about:blank",
            "Internal Server Error",
            500,
            "the receiver could not handle this request; quote error_id when reporting it",
            null,
            errorId);
    return problem.toResponse().build();
  }
}
