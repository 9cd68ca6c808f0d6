package dev.runnermetrics.receiver.it;

/** Push bodies for the tests: a realistic summary whose numbers are written in unusual forms. */
public final class Bodies {

  /**
   * The payload of {@link #push}: numbers as a collector might write them ({@code 20.0}, {@code
   * 1.5e1}, {@code 0.0000001}) so that a byte-for-byte round trip is visible, plus a field the
   * contract does not know yet.
   */
  public static final String PAYLOAD =
      "{\"start_time\":\"2026-02-06T14:30:02.185Z\",\"end_time\":\"2026-02-06T14:30:22.190Z\","
          + "\"duration_seconds\":20.0,\"sample_count\":11,"
          + "\"cpu_total_percent\":{\"peak\":12.50,\"avg\":1.5e1,\"p50\":0.0000001,\"p75\":1,"
          + "\"p95\":2,\"p99\":3},"
          + "\"mem_used_bytes\":{\"peak\":18567168,\"avg\":18567168.0,\"p50\":1,\"p75\":1,"
          + "\"p95\":1,\"p99\":1},"
          + "\"containers\":[{\"name\":\"runner\","
          + "\"cpu_cores\":{\"peak\":2.007,\"avg\":1.5,\"p50\":1.817,\"p75\":1.9,\"p95\":2.004,"
          + "\"p99\":2.0},"
          + "\"memory_bytes\":{\"peak\":18567168,\"avg\":18567168,\"p50\":1,\"p75\":1,\"p95\":1,"
          + "\"p99\":1},\"cpu_limit_cores\":2,\"memory_limit_bytes\":1073741824}],"
          + "\"top_cpu_processes\":[{\"pid\":42,\"name\":\"go\",\"container\":\"runner\","
          + "\"peak_cpu_percent\":180.5,\"avg_cpu_percent\":90.25,\"peak_mem_bytes\":1048576}],"
          + "\"top_mem_processes\":[],"
          + "\"future_field\":{\"x\":[1,2.50]}}";

  private Bodies() {}

  /** A push of {@link #PAYLOAD} for the scope and run id given (values are JSON-escaped). */
  public static String push(String org, String repo, String workflow, String job, String runId) {
    return push(org, repo, workflow, job, runId, PAYLOAD);
  }

  /** A push of {@code payload} (raw JSON text) for the scope and run id given. */
  public static String push(
      String org, String repo, String workflow, String job, String runId, String payload) {
    return "{\"organization\":"
        + quote(org)
        + ",\"repository\":"
        + quote(repo)
        + ",\"workflow\":"
        + quote(workflow)
        + ",\"job\":"
        + quote(job)
        + ",\"run_id\":"
        + quote(runId)
        + ",\"payload\":"
        + payload
        + "}";
  }

  /** {@link #PAYLOAD} with one literal piece of text replaced (it must occur). */
  public static String payloadWith(String from, String to) {
    if (!PAYLOAD.contains(from)) {
      throw new IllegalArgumentException(from);
    }
    return PAYLOAD.replace(from, to);
  }

  private static String quote(String value) {
    return jakarta.json.Json.createValue(value).toString();
  }
}
