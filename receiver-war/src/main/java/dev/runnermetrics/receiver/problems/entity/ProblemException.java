package dev.runnermetrics.receiver.problems.entity;

import java.util.Map;

/** Ends a request with a problem response; thrown by boundary and control code alike. */
public class ProblemException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Problem problem;
  private final transient Map<String, String> headers;

  /** Ends the request with {@code problem} and no extra headers. */
  public ProblemException(Problem problem) {
    this(problem, Map.of());
  }

  /** Ends the request with {@code problem} and {@code headers} (e.g. WWW-Authenticate). */
  public ProblemException(Problem problem, Map<String, String> headers) {
    super(problem.title() + ": " + problem.detail(), null, false, false);
    this.problem = problem;
    this.headers = Map.copyOf(headers);
  }

  /** The problem to answer with. */
  public Problem problem() {
    return problem;
  }

  /** Headers to add to the response. */
  public Map<String, String> headers() {
    return headers;
  }
}
