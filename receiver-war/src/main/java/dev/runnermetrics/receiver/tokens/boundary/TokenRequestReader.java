package dev.runnermetrics.receiver.tokens.boundary;

import dev.runnermetrics.common.summary.Limits;
import dev.runnermetrics.receiver.problems.control.RequestBodies;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import dev.runnermetrics.receiver.tokens.control.TokenLifetimes;
import dev.runnermetrics.receiver.tokens.entity.TokenRequest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyReader;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.math.BigDecimal;

/**
 * Reads a token request within the body limit; a non-string scope field reads as missing, a
 * non-number {@code expires_in} is a 400 naming it.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class TokenRequestReader implements MessageBodyReader<TokenRequest> {

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == TokenRequest.class;
  }

  @Override
  public TokenRequest readFrom(
      Class<TokenRequest> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException {
    JsonObject json =
        RequestBodies.object(
            RequestBodies.read(
                body, headers.getFirst(HttpHeaders.CONTENT_LENGTH), Limits.MAX_BODY_BYTES));
    return new TokenRequest(
        string(json, "organization"),
        string(json, "repository"),
        string(json, "workflow"),
        string(json, "job"),
        seconds(json, TokenLifetimes.EXPIRES_IN));
  }

  private static BigDecimal seconds(JsonObject json, String name) {
    JsonValue value = json.get(name);
    if (value == null || value == JsonValue.NULL) {
      return null;
    }
    if (value instanceof JsonNumber number) {
      return number.bigDecimalValue();
    }
    throw new ProblemException(
        Problem.badField(name, name + " must be a number of seconds, not " + kind(value)));
  }

  private static String kind(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING -> "a string";
      case TRUE, FALSE -> "a boolean";
      case ARRAY -> "an array";
      default -> "an object";
    };
  }

  private static String string(JsonObject json, String name) {
    JsonValue value = json.get(name);
    return value instanceof JsonString text ? text.getString() : null;
  }
}
