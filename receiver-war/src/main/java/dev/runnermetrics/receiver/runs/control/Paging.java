package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;

/** The {@code limit} and {@code before} query parameters of the GET, checked. */
public record Paging(int limit, long before) {

  /** Runs per page when {@code limit} is not given. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest page; larger limits are reduced to it. */
  public static final int MAX_LIMIT = 1000;

  /**
   * Parses the raw parameters (either may be null).
   *
   * @throws ProblemException 400 naming the parameter when it is not a positive integer
   */
  public static Paging of(String limit, String before) {
    int pageSize = DEFAULT_LIMIT;
    if (limit != null) {
      pageSize = (int) Math.min(MAX_LIMIT, positive("limit", limit));
    }
    long below = Long.MAX_VALUE;
    if (before != null) {
      below = positive("before", before);
    }
    return new Paging(pageSize, below);
  }

  private static long positive(String name, String value) {
    try {
      long parsed = Long.parseLong(value.strip());
      if (parsed > 0) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ProblemException(Problem.badField(name, name + " must be a positive integer"));
  }
}
