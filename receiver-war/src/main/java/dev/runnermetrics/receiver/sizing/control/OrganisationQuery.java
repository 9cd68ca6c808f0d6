package dev.runnermetrics.receiver.sizing.control;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What page of the organisation view to serve, in which order, read from the query's text.
 *
 * @param sort the order of the jobs
 * @param limit jobs per page
 * @param offset jobs to skip (the next page's link carries it)
 */
public record OrganisationQuery(Sort sort, int limit, int offset) {

  /** Jobs per page unless asked: enough for one screen of the dashboard. */
  public static final int DEFAULT_LIMIT = 100;

  static final int MAX_LIMIT = 500;

  /** A bound that keeps a deep page's cost (the rows before it are read and skipped) in sight. */
  static final int MAX_OFFSET = 100_000;

  /** The orders the view offers; every one ends with repository, workflow, job for stable pages. */
  public enum Sort {
    /** Most CPU waste first (core-hours); jobs without the figure last. */
    CPU_WASTE("cpu_waste"),
    /** Most memory waste first (GiB-hours); jobs without the figure last. */
    MEMORY_WASTE("memory_waste"),
    /** Most OOM kills first. */
    OOM_KILLS("oom_kills"),
    /** Most runs first. */
    RUNS("runs"),
    /** Most recent run first. */
    LAST_RUN("last_run"),
    /** By repository, workflow and job name. */
    NAME("name");

    private final String label;

    Sort(String label) {
      this.label = label;
    }

    /** The query parameter's value for this order. */
    public String label() {
      return label;
    }
  }

  /** Reads {@code sort}, {@code limit} and {@code offset}; null or blank takes the default. */
  public static OrganisationQuery fromQuery(String sort, String limit, String offset) {
    return new OrganisationQuery(
        blank(sort) ? Sort.CPU_WASTE : sort(sort.strip()),
        blank(limit) ? DEFAULT_LIMIT : bounded("limit", limit, 1, MAX_LIMIT),
        blank(offset) ? 0 : bounded("offset", offset, 0, MAX_OFFSET));
  }

  /** The query of the page after this one. */
  public OrganisationQuery next() {
    return new OrganisationQuery(sort, limit, offset + limit);
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }

  private static Sort sort(String text) {
    return Arrays.stream(Sort.values())
        .filter(s -> s.label.equals(text.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new InvalidSizingParameterException(
                    "sort",
                    "must be one of "
                        + Arrays.stream(Sort.values())
                            .map(Sort::label)
                            .collect(Collectors.joining(", "))
                        + ", got \""
                        + text
                        + "\""));
  }

  private static int bounded(String parameter, String text, int min, int max) {
    int value;
    try {
      value = Integer.parseInt(text.strip());
    } catch (NumberFormatException e) {
      throw new InvalidSizingParameterException(
          parameter, "must be a whole number, got \"" + text + "\"");
    }
    if (value < min || value > max) {
      throw new InvalidSizingParameterException(
          parameter, "must be " + min + " to " + max + ", got " + value);
    }
    return value;
  }
}
