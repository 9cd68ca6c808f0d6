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
    return read(body, declaredLength, limit, bodyTimeoutMillis());
  }

  /**
   * The longest a body may take to arrive ({@code receiver.body-timeout-ms}, default 10 s): a
   * client trickling bytes would otherwise hold a request thread for as long as it likes.
   */
  public static long bodyTimeoutMillis() {
    long timeout = bodyTimeoutMillis;
    if (timeout == 0) {
      timeout =
          org.eclipse.microprofile.config.ConfigProvider.getConfig()
              .getOptionalValue("receiver.body-timeout-ms", Long.class)
              .filter(t -> t > 0)
              .orElse(10_000L);
      bodyTimeoutMillis = timeout;
    }
    return timeout;
  }

  private static volatile long bodyTimeoutMillis;

  /**
   * The body as text, read within {@code timeoutMillis}.
   *
   * @throws ProblemException 408 when the body takes longer, 413 over {@code limit} bytes, 400 when
   *     empty or not UTF-8
   */
  public static String read(InputStream body, String declaredLength, int limit, long timeoutMillis)
      throws IOException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
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
      if (System.nanoTime() - deadline > 0) {
        throw new ProblemException(
            Problem.of(408, "the request body did not arrive within " + timeoutMillis + " ms"));
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

  /** Objects and arrays nest at most this deep: deeper bodies only serve to exhaust stacks. */
  public static final int MAX_DEPTH = 32;

  /**
   * An array has at most this many elements (the contract's own lists are capped lower by Bean
   * Validation): a million tiny elements would only make the binding and validation slow.
   */
  public static final int MAX_ARRAY_ELEMENTS = 10_000;

  /** A number is at most this many characters: longer ones cost quadratic time to convert. */
  public static final int MAX_NUMBER_CHARS = 100;

  /**
   * The reading step before binding, one streaming pass that builds nothing: {@code text} is one
   * JSON object with nothing after it, nests at most {@link #MAX_DEPTH} levels, has arrays of at
   * most {@link #MAX_ARRAY_ELEMENTS} elements and numbers of at most {@link #MAX_NUMBER_CHARS}
   * characters, repeats no member name within an object (a binder would silently keep one), and has
   * no unpaired surrogate escape. A refusal is a 400 that says where.
   */
  public static void check(String text) {
    try (JsonParser parser = JSON.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw new ProblemException(Problem.badField("body", "the body must be a JSON object"));
      }
      Deque<Frame> frames = new ArrayDeque<>();
      frames.push(Frame.root());
      while (!frames.isEmpty()) {
        JsonParser.Event event = parser.next();
        Frame top = frames.peek();
        if (event == JsonParser.Event.KEY_NAME) {
          if (!top.names.add(parser.getString())) {
            throw new ProblemException(
                Problem.badField(
                    "body", "the body repeats the member name \"" + parser.getString() + "\""));
          }
          top.key = parser.getString();
          continue;
        }
        if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
          frames.pop();
          continue;
        }
        String path = top.child();
        switch (event) {
          case START_OBJECT, START_ARRAY -> {
            if (frames.size() >= MAX_DEPTH) {
              throw new ProblemException(
                  Problem.badField(
                      "body",
                      "the body nests objects and arrays deeper than " + MAX_DEPTH + " levels"));
            }
            frames.push(new Frame(path, event == JsonParser.Event.START_OBJECT));
          }
          case VALUE_NUMBER -> {
            if (parser.getString().length() > MAX_NUMBER_CHARS) {
              throw new ProblemException(
                  Problem.badField(
                      path, "numbers are at most " + MAX_NUMBER_CHARS + " characters long"));
            }
          }
          case VALUE_STRING -> {
            if (hasLoneSurrogate(parser.getString())) {
              throw new ProblemException(
                  Problem.badField(path, "the text has an unpaired UTF-16 surrogate escape"));
            }
          }
          default -> {
            // booleans and null need no check here
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

  /**
   * The JSON path (e.g. {@code payload.containers[0].memory_limit_bytes}) of the value in {@code
   * text} that ends at character {@code offset}, as a binder reports it; {@code body} when none
   * does. {@code text} must have passed {@link #check}.
   */
  public static String pathAt(String text, long offset) {
    if (offset < 0) {
      return "body";
    }
    try (JsonParser parser = JSON.createParser(new StringReader(text))) {
      Deque<Frame> frames = new ArrayDeque<>();
      parser.next();
      frames.push(Frame.root());
      while (!frames.isEmpty() && parser.hasNext()) {
        JsonParser.Event event = parser.next();
        Frame top = frames.peek();
        switch (event) {
          case KEY_NAME -> top.key = parser.getString();
          case START_OBJECT, START_ARRAY ->
              frames.push(new Frame(top.child(), event == JsonParser.Event.START_OBJECT));
          case END_OBJECT, END_ARRAY -> {
            frames.pop();
            if (parser.getLocation().getStreamOffset() >= offset) {
              return top.path.isEmpty() ? "body" : top.path;
            }
          }
          default -> {
            String path = top.child();
            if (parser.getLocation().getStreamOffset() >= offset) {
              return path;
            }
          }
        }
      }
    }
    return "body";
  }

  /** One open object or array while reading: its path, member names or element count. */
  private static final class Frame {
    final String path;
    final Set<String> names;
    String key;
    int elements;

    Frame(String path, boolean object) {
      this.path = path;
      this.names = object ? new HashSet<>() : null;
    }

    static Frame root() {
      return new Frame("", true);
    }

    /** The path of the value that comes next in this object or array. */
    String child() {
      if (names != null) {
        return path.isEmpty() ? key : path + "." + key;
      }
      if (++elements > MAX_ARRAY_ELEMENTS) {
        throw new ProblemException(
            Problem.badField(path, path + " has more than " + MAX_ARRAY_ELEMENTS + " elements"));
      }
      return path + "[" + (elements - 1) + "]";
    }
  }

  /** Whether {@code text} holds a UTF-16 surrogate without its pair (only a JSON escape can). */
  public static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  private static ProblemException tooLarge(int limit) {
    return new ProblemException(
        Problem.of(413, "the request body is larger than " + limit + " bytes"));
  }
}
