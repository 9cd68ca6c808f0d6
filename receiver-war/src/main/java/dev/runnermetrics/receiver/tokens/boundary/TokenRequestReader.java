package dev.runnermetrics.receiver.tokens.boundary;

import dev.runnermetrics.common.summary.Limits;
import dev.runnermetrics.receiver.problems.control.RequestBodies;
import dev.runnermetrics.receiver.tokens.entity.TokenRequest;
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

/** Reads a token request within the body limit; a non-string field reads as missing. */
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
        string(json, "job"));
  }

  private static String string(JsonObject json, String name) {
    JsonValue value = json.get(name);
    return value instanceof JsonString text ? text.getString() : null;
  }
}
