package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.InstantMillis;
import dev.runnermetrics.receiver.runs.entity.StoredRunEntity;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
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

  /**
   * One page of the GET, as the bytes of its JSON array.
   *
   * @param json the answer
   * @param count how many runs it holds
   * @param lastId the id of its last (oldest) run, 0 when empty
   */
  public record Page(byte[] json, int count, long lastId) {}

  /**
   * The runs of {@code rows} (columns id, run_id, received_at, payload; all of {@code scope}) as a
   * JSON array. The scope members are the same in every element, so their bytes are made once; the
   * payload's stored UTF-8 bytes are copied as they are, never decoded or parsed.
   */
  public static Page page(Scope scope, ResultSet rows) throws SQLException {
    byte[] scopeMembers =
        (",\"organization\":"
                + quote(scope.organization())
                + ",\"repository\":"
                + quote(scope.repository())
                + ",\"workflow\":"
                + quote(scope.workflow())
                + ",\"job\":"
                + quote(scope.job())
                + ",\"run_id\":")
            .getBytes(StandardCharsets.UTF_8);
    // Rows are collected first and copied once into an array of the exact size: growing a buffer
    // by doubling copied and allocated the ~540 KiB of a full page several times over.
    List<byte[]> parts = new ArrayList<>();
    int size = 2;
    int count = 0;
    long lastId = 0;
    while (rows.next()) {
      lastId = rows.getLong(1);
      byte[] head =
          ((count > 0 ? ",{\"id\":" : "{\"id\":") + lastId).getBytes(StandardCharsets.US_ASCII);
      byte[] runId = quote(rows.getString(2)).getBytes(StandardCharsets.UTF_8);
      byte[] receivedAt =
          (",\"received_at\":\""
                  + InstantMillis.format(Instant.ofEpochMilli(rows.getLong(3)))
                  + "\",\"payload\":")
              .getBytes(StandardCharsets.US_ASCII);
      byte[] payload = rows.getBytes(4);
      parts.add(head);
      parts.add(scopeMembers);
      parts.add(runId);
      parts.add(receivedAt);
      parts.add(payload);
      parts.add(CLOSE);
      size +=
          head.length + scopeMembers.length + runId.length + receivedAt.length + payload.length + 1;
      count++;
    }
    byte[] json = new byte[size];
    json[0] = '[';
    int at = 1;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, json, at, part.length);
      at += part.length;
    }
    json[at] = ']';
    return new Page(json, count, lastId);
  }

  private static final byte[] CLOSE = {'}'};

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

  /**
   * A JSON string literal (RFC 8259 section 7): quote, backslash and control characters escaped.
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
