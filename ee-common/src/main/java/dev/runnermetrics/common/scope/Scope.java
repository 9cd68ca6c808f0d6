package dev.runnermetrics.common.scope;

import java.util.Objects;

/**
 * The four names a run is stored and authorised under, in canonical form.
 *
 * <p>Canonical means: each value exactly as given (no trimming, no case folding: a token for {@code
 * My-Org} is not one for {@code my-org}), except that a repository without a slash is qualified by
 * the organization, so {@code my-repo} in org {@code my-org} is {@code my-org/my-repo}. This makes
 * the token request with {@code "repository":"my-repo"}, a push with {@code
 * GITHUB_REPOSITORY=my-org/my-repo}, and queries with either path form agree.
 */
public record Scope(String organization, String repository, String workflow, String job) {

  /** The longest accepted value, in UTF-16 code units. */
  public static final int MAX_LENGTH = 255;

  /** Validation message for a missing value. */
  public static final String REQUIRED = "is required";

  /** Validation message for a value of bad length. */
  public static final String LENGTH = "must be 1 to 255 characters";

  /** Validation message for a value with control characters. */
  public static final String NO_CONTROL = "must not contain control characters";

  /** Compact constructor: fields must already be canonical; use {@link #of} for input. */
  public Scope {
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(repository, "repository");
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(job, "job");
  }

  /**
   * Validates the four values and returns their canonical scope.
   *
   * @throws InvalidScopeException naming the first bad field
   */
  public static Scope of(String organization, String repository, String workflow, String job) {
    check("organization", organization);
    check("repository", repository);
    check("workflow", workflow);
    check("job", job);
    String qualified = repository.indexOf('/') < 0 ? organization + "/" + repository : repository;
    check("repository", qualified);
    return new Scope(organization, qualified, workflow, job);
  }

  /**
   * The text the push token signs: the four canonical values joined by newlines, which cannot occur
   * inside a value.
   */
  public String canonicalString() {
    return organization + '\n' + repository + '\n' + workflow + '\n' + job;
  }

  /**
   * Why {@code value} is not a valid scope value, or empty when it is.
   *
   * @return {@link #REQUIRED}, {@link #LENGTH}, {@link #NO_CONTROL} or the empty string
   */
  public static String problem(String value) {
    if (value == null) {
      return REQUIRED;
    }
    if (value.isEmpty() || value.length() > MAX_LENGTH) {
      return LENGTH;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        return NO_CONTROL;
      }
    }
    return "";
  }

  private static void check(String field, String value) {
    String problem = problem(value);
    if (!problem.isEmpty()) {
      throw new InvalidScopeException(field, problem);
    }
  }

  @Override
  public String toString() {
    return organization + " " + repository + " " + workflow + " " + job;
  }
}
