package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.summary.InstantMillis;
import dev.runnermetrics.receiver.runs.entity.StoredRunEntity;
import jakarta.json.Json;
import java.util.List;

/**
 * Writes stored runs as the seed's "API Response" elements, splicing in the payload text as it was
 * pushed, so its numbers come back byte for byte.
 */
public final class RunJson {

  private RunJson() {}

  /** One stored run as a JSON object. */
  public static String object(StoredRunEntity run) {
    StringBuilder json = new StringBuilder(run.getPayload().length() + 256);
    append(json, run);
    return json.toString();
  }

  /** Stored runs as a JSON array, in the given order. */
  public static String array(List<StoredRunEntity> runs) {
    int size = runs.stream().mapToInt(r -> r.getPayload().length() + 256).sum();
    StringBuilder json = new StringBuilder(size + 2).append('[');
    for (int i = 0; i < runs.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      append(json, runs.get(i));
    }
    return json.append(']').toString();
  }

  private static void append(StringBuilder json, StoredRunEntity run) {
    json.append("{\"id\":")
        .append(run.getId())
        .append(",\"organization\":")
        .append(quote(run.getOrganization()))
        .append(",\"repository\":")
        .append(quote(run.getRepository()))
        .append(",\"workflow\":")
        .append(quote(run.getWorkflow()))
        .append(",\"job\":")
        .append(quote(run.getJob()))
        .append(",\"run_id\":")
        .append(quote(run.getRunId()))
        .append(",\"received_at\":")
        .append(quote(InstantMillis.format(run.getReceivedAt())))
        .append(",\"payload\":")
        .append(run.getPayload())
        .append('}');
  }

  private static String quote(String text) {
    return Json.createValue(text).toString();
  }
}
