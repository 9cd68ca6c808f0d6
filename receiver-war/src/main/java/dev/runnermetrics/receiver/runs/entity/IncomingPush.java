package dev.runnermetrics.receiver.runs.entity;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.RunSummary;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A validated push body as read: its scope, run id, the bound summary, and the payload's own JSON
 * text (stored as pushed).
 *
 * @param scope the body's organization, repository, workflow and job
 * @param runId the body's run_id
 * @param summary the payload bound into the contract's record (the figures stored as columns)
 * @param payloadJson the {@code payload} member exactly as sent
 */
@Schema(
    name = "PushRequest",
    description =
        "organization, repository (org/name or bare name), workflow, job, run_id and the run"
            + " summary as payload")
public record IncomingPush(
    @Schema(hidden = true) Scope scope,
    @Schema(hidden = true) String runId,
    @Schema(hidden = true) RunSummary summary,
    @Schema(hidden = true) String payloadJson) {}
