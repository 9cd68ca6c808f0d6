package dev.runnermetrics.receiver.problems.control;

import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParsingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON request body with a hard size limit, enforced while reading (a declared
 * Content-Length over the limit is refused before the first byte), as strict UTF-8, and checks it
 * is one JSON object without duplicate member names.
 */
public final class RequestBodies {

  /**
   * Looked up once: {@code Json.createParser} and friends search for a provider on every call,
   * which costs more than parsing a push.
   */
  public static final JsonProvider JSON = JsonProvider.provider();

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
   * Parses {@code text} as one JSON object, refusing syntax errors, other top-level values,
   * anything after the object, and member names repeated within an object (a reader would silently
   * keep one of them) with a 400 that says where.
   */
  public static JsonObject object(String text) {
    check(text);
    return JSON.createReader(new StringReader(text)).readObject();
  }

  /** Checks what {@link #object} checks, without building the object. */
  public static void check(String text) {
    check(text, Map.of());
  }

  /**
   * Checks what {@link #object} checks, and that members named in {@code integers} hold whole
   * numbers from 0 to the given maximum: JSON-B would silently narrow {@code 1e30} or {@code 1.5}
   * into an int or long field.
   */
  public static void check(String text, Map<String, Long> integers) {
    try (JsonParser parser = JSON.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw new ProblemException(Problem.badField("body", "the body must be a JSON object"));
      }
      Deque<Set<String>> names = new ArrayDeque<>();
      names.push(new HashSet<>());
      while (!names.isEmpty()) {
        switch (parser.next()) {
          case START_OBJECT -> names.push(new HashSet<>());
          case START_ARRAY -> names.push(Set.of());
          case END_OBJECT, END_ARRAY -> names.pop();
          case KEY_NAME -> {
            String name = parser.getString();
            if (!names.peek().add(name)) {
              throw new ProblemException(
                  Problem.badField("body", "the body repeats the member name \"" + name + "\""));
            }
            Long max = integers.get(name);
            if (max != null) {
              if (parser.next() == JsonParser.Event.START_OBJECT
                  || parser.currentEvent() == JsonParser.Event.START_ARRAY) {
                names.push(
                    parser.currentEvent() == JsonParser.Event.START_OBJECT
                        ? new HashSet<>()
                        : Set.of());
              } else if (parser.currentEvent() == JsonParser.Event.VALUE_NUMBER
                  && !isWhole(parser.getBigDecimal(), max)) {
                throw new ProblemException(
                    Problem.badField(name, name + " must be a whole number between 0 and " + max));
              }
            }
          }
          default -> {
            // values need no check here
          }
        }
      }
      if (parser.hasNext()) {
        throw new ProblemException(
            Problem.badField("body", "the body has more after its JSON object"));
      }
    } catch (JsonParsingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? "" : " at line " + at.getLineNumber() + ", column " + at.getColumnNumber();
      throw new ProblemException(Problem.badField("body", "the body is not valid JSON" + where));
    } catch (JsonException | IllegalStateException | java.util.NoSuchElementException e) {
      throw new ProblemException(Problem.badField("body", "the body is not valid JSON"));
    }
  }

  private static boolean isWhole(java.math.BigDecimal value, long max) {
    if (value.signum() < 0) {
      return false;
    }
    if (value.compareTo(java.math.BigDecimal.valueOf(max)) > 0) {
      return false;
    }
    return value.stripTrailingZeros().scale() <= 0;
  }

  private static ProblemException tooLarge(int limit) {
    return new ProblemException(
        Problem.of(413, "the request body is larger than " + limit + " bytes"));
  }
}
