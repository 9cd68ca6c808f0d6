package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.InstantMillis;
import dev.runnermetrics.receiver.runs.entity.StoredRunEntity;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
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
   * One page of the GET: its runs' stored payload bytes and the small envelope around each, written
   * to the response as one JSON array without being decoded or first joined into one array.
   */
  public static final class Page {

    private final byte[] envelopes;
    private final int[] envelopeEnds;
    private final byte[][] payloads;
    private final int count;
    private final long lastId;
    private final long length;

    private Page(byte[] envelopes, int[] envelopeEnds, byte[][] payloads, int count, long lastId) {
      this.envelopes = envelopes;
      this.envelopeEnds = envelopeEnds;
      this.payloads = payloads;
      this.count = count;
      this.lastId = lastId;
      long size =
          (count == 0 ? EMPTY.length : END.length) + (count == 0 ? 0 : envelopeEnds[count - 1]);
      for (int i = 0; i < count; i++) {
        size += payloads[i].length;
      }
      this.length = size;
    }

    /** How many runs it holds. */
    public int count() {
      return count;
    }

    /** The id of its last (oldest) run, 0 when empty. */
    public long lastId() {
      return lastId;
    }

    /** The length of the JSON array in bytes (the Content-Length). */
    public long length() {
      return length;
    }

    /**
     * Writes the JSON array in chunks of up to 64 KiB, so that the container's stream layers see a
     * few large writes instead of two per run.
     */
    public void writeTo(OutputStream out) throws IOException {
      BufferedOutputStream chunks = new BufferedOutputStream(out, (int) Math.min(length, CHUNK));
      if (count == 0) {
        chunks.write(EMPTY);
      } else {
        int from = 0;
        for (int i = 0; i < count; i++) {
          chunks.write(envelopes, from, envelopeEnds[i] - from);
          chunks.write(payloads[i]);
          from = envelopeEnds[i];
        }
        chunks.write(END);
      }
      chunks.flush();
    }

    /** The whole JSON array in one array (tests, small answers). */
    public byte[] json() {
      ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
      try {
        writeTo(out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out.toByteArray();
    }
  }

  private static final int CHUNK = 64 * 1024;
  private static final byte[] EMPTY = {'[', ']'};
  private static final byte[] END = {'}', ']'};

  /**
   * The runs of {@code rows} (columns id, run_id, received_at, payload; all of {@code scope}) as a
   * page of the GET. The scope members are the same in every element, so their bytes are made once;
   * the run id and payload are read as their stored UTF-8 bytes, never decoded: the payload is
   * copied as it is, the run id escaped byte by byte (JSON's escapes are all ASCII, and no byte of
   * a multi-byte UTF-8 sequence is ASCII). The envelopes of all runs share one array.
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
    Bytes envelopes = new Bytes(1024 + 16 * scopeMembers.length);
    int[] ends = new int[16];
    byte[][] payloads = new byte[16][];
    int count = 0;
    long lastId = 0;
    while (rows.next()) {
      if (count == ends.length) {
        ends = Arrays.copyOf(ends, count * 2);
        payloads = Arrays.copyOf(payloads, count * 2);
      }
      lastId = rows.getLong(1);
      envelopes.append(count == 0 ? FIRST_HEAD : NEXT_HEAD).appendLong(lastId);
      envelopes.append(scopeMembers).appendQuoted(rows.getBytes(2));
      envelopes.append(RECEIVED_AT).appendTimestamp(rows.getLong(3)).append(PAYLOAD);
      ends[count] = envelopes.size();
      payloads[count] = rows.getBytes(4);
      count++;
    }
    return new Page(envelopes.array(), ends, payloads, count, lastId);
  }

  private static final byte[] FIRST_HEAD = ascii("[{\"id\":");
  private static final byte[] NEXT_HEAD = ascii("},{\"id\":");
  private static final byte[] RECEIVED_AT = ascii(",\"received_at\":\"");
  private static final byte[] PAYLOAD = ascii("\",\"payload\":");

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
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
