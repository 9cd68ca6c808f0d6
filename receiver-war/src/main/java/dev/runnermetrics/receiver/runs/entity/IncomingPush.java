package dev.runnermetrics.receiver.runs.entity;

import dev.runnermetrics.common.summary.PushRequest;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A push body as read: the typed request (validated) and the payload's own JSON text (stored).
 *
 * @param request the parsed and validated request
 * @param payloadJson the {@code payload} member exactly as sent
 */
@Schema(
    name = "PushRequest",
    description =
        "organization, repository (org/name or bare name), workflow, job, run_id and the run"
            + " summary as payload")
public record IncomingPush(
    @Schema(hidden = true) PushRequest request, @Schema(hidden = true) String payloadJson) {}
