package dev.runnermetrics.receiver.problems.control;

import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonConfig;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonReaderFactory;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads a JSON request body with a hard size limit, enforced while reading (a declared
 * Content-Length over the limit is refused before the first byte), as strict UTF-8, and checks it
 * is one JSON object without duplicate member names.
 */
public final class RequestBodies {

  private static final JsonReaderFactory STRICT =
      Json.createReaderFactory(Map.of(JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE));

  private RequestBodies() {}

  /**
   * The body as text.
   *
   * @param declaredLength the Content-Length header, or null
   * @throws ProblemException 413 over {@code limit} bytes, 400 when empty or not UTF-8
   */
  public static String read(InputStream body, String declaredLength, int limit) throws IOException {
    if (declaredLength != null) {
      try {
        if (Long.parseLong(declaredLength.strip()) > limit) {
          throw tooLarge(limit);
        }
      } catch (NumberFormatException ignored) {
        // The container has already refused a malformed Content-Length; read and count instead.
      }
    }
    byte[] buffer = new byte[8192];
    int length = 0;
    while (true) {
      if (length == buffer.length) {
        if (length > limit) {
          throw tooLarge(limit);
        }
        buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, limit + 1));
      }
      int n = body.read(buffer, length, buffer.length - length);
      if (n < 0) {
        break;
      }
      length += n;
      if (length > limit) {
        throw tooLarge(limit);
      }
    }
    if (length == 0) {
      throw new ProblemException(Problem.badField("body", "the request body is empty"));
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(buffer, 0, length))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ProblemException(Problem.badField("body", "the request body is not UTF-8"));
    }
  }

  /**
   * Parses {@code text} as one JSON object, refusing syntax errors, other top-level values and
   * duplicated member names with a 400 that says where.
   */
  public static JsonObject object(String text) {
    try (JsonReader reader = STRICT.createReader(new StringReader(text))) {
      return reader.readObject();
    } catch (JsonParsingException e) {
      if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("duplicate")) {
        throw new ProblemException(
            Problem.badField("body", "the body repeats a member name; each may appear once"));
      }
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
      throw new ProblemException(Problem.badField("body", "the body is not valid JSON" + where));
    } catch (JsonException | IllegalStateException e) {
      throw new ProblemException(
          Problem.badField(
              "body", "the body must be one JSON object without duplicated member names"));
    }
  }

  private static ProblemException tooLarge(int limit) {
    return new ProblemException(
        Problem.of(413, "the request body is larger than " + limit + " bytes"),
        Map.of("Connection", "close"));
  }
}
