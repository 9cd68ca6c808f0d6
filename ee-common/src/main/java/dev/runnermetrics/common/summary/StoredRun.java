package dev.runnermetrics.common.summary;

import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeDeserializer;
import java.time.Instant;

/**
 * One element of {@code GET /api/v1/metrics/repo/…}: a stored push with its id and the time the
 * receiver took it, as clients read it.
 */
@JsonbPropertyOrder({
  "id",
  "organization",
  "repository",
  "workflow",
  "job",
  "runId",
  "receivedAt",
  "payload"
})
public record StoredRun(
    @JsonbTypeDeserializer(StrictInteger.class) long id,
    String organization,
    String repository,
    String workflow,
    String job,
    @JsonbProperty("run_id") String runId,
    @JsonbProperty("received_at") @JsonbTypeAdapter(InstantMillis.class) Instant receivedAt,
    RunSummary payload) {}
