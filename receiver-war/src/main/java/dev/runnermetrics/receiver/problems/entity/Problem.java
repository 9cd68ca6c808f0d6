package dev.runnermetrics.receiver.problems.entity;

import jakarta.json.JsonObjectBuilder;
import jakarta.json.spi.JsonProvider;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail: what every refused or failed request gets as {@code
 * application/problem+json}; {@code field} names the bad input, {@code errorId} ties a 5xx to its
 * log line.
 */
public record Problem(
    String type, String title, int status, String detail, String field, String errorId) {

  private static final JsonProvider JSON = JsonProvider.provider();

  /** The media type of every error body. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** A problem of the plain HTTP kind ({@code about:blank}) with the status's reason phrase. */
  public static Problem of(int status, String detail) {
    return new Problem("about:blank", reason(status), status, detail, null, null);
  }

  /** A 400 naming the JSON field (or header, or query parameter) that is wrong. */
  public static Problem badField(String field, String detail) {
    return new Problem("about:blank", reason(400), 400, detail, field, null);
  }

  /** The JSON text of this problem; absent members are left out. */
  public String toJson() {
    JsonObjectBuilder json =
        JSON.createObjectBuilder().add("type", type).add("title", title).add("status", status);
    if (detail != null) {
      json.add("detail", detail);
    }
    if (field != null) {
      json.add("field", field);
    }
    if (errorId != null) {
      json.add("error_id", errorId);
    }
    return json.build().toString();
  }

  /** A response carrying this problem, with the right status and media type. */
  public Response.ResponseBuilder toResponse() {
    return Response.status(status).type(MEDIA_TYPE).entity(toJson());
  }

  private static String reason(int status) {
    Response.Status known = Response.Status.fromStatusCode(status);
    if (known != null) {
      return known.getReasonPhrase();
    }
    return switch (status) {
      case 413 -> "Content Too Large";
      case 422 -> "Unprocessable Content";
      default -> "HTTP " + status;
    };
  }
}
