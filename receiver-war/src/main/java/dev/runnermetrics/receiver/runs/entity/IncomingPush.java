package dev.runnermetrics.receiver.runs.entity;

import dev.runnermetrics.common.summary.PushRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/**
 * A push body as read: the typed request (validated) and the payload's own JSON text (stored).
 *
 * @param request the parsed request; validation paths start below it
 * @param payloadJson the {@code payload} member exactly as sent
 */
public record IncomingPush(@NotNull @Valid PushRequest request, String payloadJson) {}
