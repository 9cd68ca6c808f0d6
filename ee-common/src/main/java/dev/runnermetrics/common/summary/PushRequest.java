package dev.runnermetrics.common.summary;

import dev.runnermetrics.common.scope.Scope;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTransient;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/v1/metrics}: the run's scope, its id, and its summary. */
@JsonbPropertyOrder({"organization", "repository", "workflow", "job", "runId", "payload"})
public record PushRequest(
    @NotNull(message = Scope.REQUIRED)
        @Size(min = 1, max = Scope.MAX_LENGTH, message = Scope.LENGTH)
        @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS, message = Scope.NO_CONTROL)
        String organization,
    @NotNull(message = Scope.REQUIRED)
        @Size(min = 1, max = Scope.MAX_LENGTH, message = Scope.LENGTH)
        @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS, message = Scope.NO_CONTROL)
        String repository,
    @NotNull(message = Scope.REQUIRED)
        @Size(min = 1, max = Scope.MAX_LENGTH, message = Scope.LENGTH)
        @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS, message = Scope.NO_CONTROL)
        String workflow,
    @NotNull(message = Scope.REQUIRED)
        @Size(min = 1, max = Scope.MAX_LENGTH, message = Scope.LENGTH)
        @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS, message = Scope.NO_CONTROL)
        String job,
    @JsonbProperty("run_id")
        @NotNull(message = Scope.REQUIRED)
        @Size(min = 1, max = Scope.MAX_LENGTH, message = Scope.LENGTH)
        @Pattern(regexp = Limits.NO_CONTROL_CHARACTERS, message = Scope.NO_CONTROL)
        String runId,
    @NotNull(message = Scope.REQUIRED) @Valid RunSummary payload) {

  /**
   * The canonical scope this push claims (bare repository qualified by the organization).
   *
   * @throws dev.runnermetrics.common.scope.InvalidScopeException when a field is not a valid scope
   *     value; validate the request first to report every field at once
   */
  @JsonbTransient
  public Scope scope() {
    return Scope.of(organization, repository, workflow, job);
  }
}
