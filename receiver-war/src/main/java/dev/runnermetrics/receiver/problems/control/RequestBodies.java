package dev.runnermetrics.receiver.problems.control;

import dev.runnermetrics.common.summary.Limits;
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

  /** Checks what {@link #object} checks, without building the object. */
  public static void check(String text) {
    check(text, Map.of());
  }

  /** Objects and arrays nest at most this deep: deeper bodies only serve to exhaust stacks. */
  public static final int MAX_DEPTH = 32;

  /** An array of a field the contract does not cap has at most this many elements. */
  public static final int MAX_ARRAY_ELEMENTS = 10_000;

  /** A number is at most this many characters: longer ones cost quadratic time to convert. */
  public static final int MAX_NUMBER_CHARS = 100;

  /** The contract's capped lists, checked here before anything is bound. */
  static final Map<String, Integer> LIST_LIMITS =
      Map.of(
          "containers", Limits.MAX_CONTAINERS,
          "top_cpu_processes", Limits.MAX_TOP_PROCESSES,
          "top_mem_processes", Limits.MAX_TOP_PROCESSES);

  /** One open object or array while checking: its member names, or its element count. */
  private static final class Frame {
    final String name;
    final Set<String> names;
    final int maxElements;
    int elements;

    Frame(String name, boolean object) {
      this.name = name;
      this.names = object ? new HashSet<>() : null;
      this.maxElements = object ? 0 : LIST_LIMITS.getOrDefault(name, MAX_ARRAY_ELEMENTS);
    }
  }

  /**
   * Checks what {@link #object} checks, the limits above, and that members named in {@code
   * integers} hold whole numbers from 0 to the given maximum: JSON-B would silently narrow {@code
   * 1e30} or {@code 1.5} into an int or long field. One streaming pass, nothing built.
   */
  public static void check(String text, Map<String, Long> integers) {
    check(text, integers, Map.of());
  }

  /**
   * Checks what {@link #check(String, Map)} checks, and that the top-level members named in {@code
   * kinds} are of that kind ({@code VALUE_STRING}, {@code START_OBJECT}…) or null: JSON-B would
   * turn a number into a string without a word.
   */
  public static void check(
      String text, Map<String, Long> integers, Map<String, JsonParser.Event> kinds) {
    try (JsonParser parser = JSON.createParser(new StringReader(text))) {
      if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
        throw new ProblemException(Problem.badField("body", "the body must be a JSON object"));
      }
      Deque<Frame> frames = new ArrayDeque<>();
      frames.push(new Frame(null, true));
      String key = null;
      while (!frames.isEmpty()) {
        JsonParser.Event event = parser.next();
        Frame top = frames.peek();
        if (top.names == null && event != JsonParser.Event.END_ARRAY) {
          key = top.name;
          if (++top.elements > top.maxElements) {
            String path = path(frames, null);
            throw new ProblemException(
                Problem.badField(path, path + " has more than " + top.maxElements + " elements"));
          }
        }
        if (frames.size() == 1
            && event != JsonParser.Event.KEY_NAME
            && event != JsonParser.Event.END_OBJECT) {
          JsonParser.Event kind = kinds.get(key);
          if (kind != null && event != kind && event != JsonParser.Event.VALUE_NULL) {
            throw new ProblemException(
                Problem.badField(
                    key,
                    key
                        + (kind == JsonParser.Event.START_OBJECT
                            ? " must be an object"
                            : " must be a string")));
          }
        }
        switch (event) {
          case START_OBJECT, START_ARRAY -> {
            if (frames.size() >= MAX_DEPTH) {
              throw new ProblemException(
                  Problem.badField(
                      "body",
                      "the body nests objects and arrays deeper than " + MAX_DEPTH + " levels"));
            }
            frames.push(new Frame(key, event == JsonParser.Event.START_OBJECT));
          }
          case END_OBJECT, END_ARRAY -> frames.pop();
          case KEY_NAME -> {
            key = parser.getString();
            if (!top.names.add(key)) {
              throw new ProblemException(
                  Problem.badField("body", "the body repeats the member name \"" + key + "\""));
            }
          }
          case VALUE_NUMBER -> {
            if (parser.getString().length() > MAX_NUMBER_CHARS) {
              String path = path(frames, top.names == null ? null : key);
              throw new ProblemException(
                  Problem.badField(
                      path, "numbers are at most " + MAX_NUMBER_CHARS + " characters long"));
            }
            Long max = top.names == null ? null : integers.get(key);
            if (max != null && !isWhole(parser.getBigDecimal(), max)) {
              throw new ProblemException(
                  Problem.badField(key, key + " must be a whole number between 0 and " + max));
            }
          }
          case VALUE_STRING -> {
            if (hasLoneSurrogate(parser.getString())) {
              String path = path(frames, top.names == null ? null : key);
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

  /** A JSON path such as {@code payload.containers[3].name} of the innermost open value. */
  private static String path(Deque<Frame> frames, String member) {
    StringBuilder path = new StringBuilder();
    var it = frames.descendingIterator();
    Frame parent = null;
    while (it.hasNext()) {
      Frame frame = it.next();
      if (parent != null) {
        if (parent.names == null) {
          path.append('[').append(parent.elements - 1).append(']');
        } else {
          path.append(path.length() == 0 ? "" : ".").append(frame.name);
        }
      }
      parent = frame;
    }
    if (member != null) {
      path.append(path.length() == 0 ? "" : ".").append(member);
    }
    return path.length() == 0 ? "body" : path.toString();
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
