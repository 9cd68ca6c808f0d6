package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.summary.StoredRun;
import dev.runnermetrics.receiver.problems.control.RequestBodies;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.stream.JsonParser;
import java.io.StringReader;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a run's payload exactly as it was pushed: its text is cut out of the push body by the
 * parser's own positions, stored as it is, and put back verbatim behind the envelope that JSON-B
 * writes. So {@code 12.50} or {@code 1.5e1} come back as sent, and fields this receiver does not
 * know yet are kept for the readers that do.
 */
public final class PayloadText {

  private static final Jsonb JSONB = JsonbBuilder.create();

  private static final String MEMBER = "payload";

  private PayloadText() {}

  /**
   * The text of the top-level {@code payload} object of {@code body} (which passed {@link
   * RequestBodies#check}); empty when absent or null, which validation reports.
   *
   * @throws ProblemException a 400 naming {@code payload} when it is not an object
   */
  public static Optional<String> in(String body) {
    try (JsonParser parser = RequestBodies.JSON.createParser(new StringReader(body))) {
      parser.next();
      while (parser.hasNext()) {
        JsonParser.Event event = parser.next();
        if (event == JsonParser.Event.END_OBJECT) {
          break;
        }
        String name = parser.getString();
        JsonParser.Event value = parser.next();
        if (name.equals(MEMBER)) {
          if (value == JsonParser.Event.VALUE_NULL) {
            return Optional.empty();
          }
          if (value != JsonParser.Event.START_OBJECT) {
            throw new ProblemException(Problem.badField(MEMBER, "payload must be an object"));
          }
          int start = (int) parser.getLocation().getStreamOffset() - 1;
          parser.skipObject();
          int end = (int) parser.getLocation().getStreamOffset();
          return Optional.of(body.substring(start, end));
        }
        if (value == JsonParser.Event.START_OBJECT) {
          parser.skipObject();
        } else if (value == JsonParser.Event.START_ARRAY) {
          parser.skipArray();
        }
      }
    }
    return Optional.empty();
  }

  /** {@code run} (its payload left out) written by JSON-B, with {@code payload} put back. */
  public static String object(StoredRun run, String payload) {
    StringBuilder json = new StringBuilder(payload.length() + 256);
    append(json, run, payload);
    return json.toString();
  }

  /** The runs as a JSON array, each with its payload text; {@code payloads} in the same order. */
  public static String array(List<StoredRun> runs, List<String> payloads) {
    StringBuilder json = new StringBuilder(256 * runs.size() + 2).append('[');
    for (int i = 0; i < runs.size(); i++) {
      if (i > 0) {
        json.append(',');
      }
      append(json, runs.get(i), payloads.get(i));
    }
    return json.append(']').toString();
  }

  private static void append(StringBuilder json, StoredRun run, String payload) {
    if (run.payload() != null) {
      throw new IllegalArgumentException("the payload text replaces the bound payload");
    }
    String envelope = JSONB.toJson(run);
    json.append(envelope, 0, envelope.length() - 1).append(",\"").append(MEMBER).append("\":");
    json.append(payload).append('}');
  }
}
