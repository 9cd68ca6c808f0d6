package dev.runnermetrics.common.scope;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The scope of a push repeated in request headers, so that the receiver can check the push token
 * before it reads the body. Each value is URL-form-encoded UTF-8 ({@link URLEncoder}), because a
 * header carries only ASCII safely while scope values may hold any character but controls.
 */
public final class ScopeHeaders {

  /** The organization. */
  public static final String ORGANIZATION = "X-Runner-Metrics-Org";

  /** The repository, as in the body (bare or qualified). */
  public static final String REPOSITORY = "X-Runner-Metrics-Repo";

  /** The workflow. */
  public static final String WORKFLOW = "X-Runner-Metrics-Workflow";

  /** The job. */
  public static final String JOB = "X-Runner-Metrics-Job";

  /** The four names, in the order of the scope's fields. */
  public static final List<String> NAMES = List.of(ORGANIZATION, REPOSITORY, WORKFLOW, JOB);

  private ScopeHeaders() {}

  /** The four headers for {@code scope}, name to encoded value, in the order of {@link #NAMES}. */
  public static Map<String, String> of(Scope scope) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(ORGANIZATION, encode(scope.organization()));
    headers.put(REPOSITORY, encode(scope.repository()));
    headers.put(WORKFLOW, encode(scope.workflow()));
    headers.put(JOB, encode(scope.job()));
    return headers;
  }

  /** {@code value} URL-form-encoded as UTF-8 (a space becomes {@code +}). */
  public static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /**
   * The scope carried by the headers, empty when none of the four is present (a collector older
   * than these headers).
   *
   * @param values every value of the named header (an empty list when absent), looked up without
   *     regard to case as HTTP requires
   * @throws InvalidScopeException naming the header, when only some are present, one is repeated,
   *     its encoding is broken, or its value is not a valid scope value
   */
  public static Optional<Scope> parse(Function<String, List<String>> values) {
    String[] decoded = new String[NAMES.size()];
    int present = 0;
    String missing = null;
    for (int i = 0; i < NAMES.size(); i++) {
      String name = NAMES.get(i);
      List<String> found = values.apply(name);
      if (found == null || found.isEmpty()) {
        missing = missing == null ? name : missing;
        continue;
      }
      if (found.size() > 1) {
        throw new InvalidScopeException(name, "must be given once");
      }
      decoded[i] = decode(name, found.get(0));
      present++;
    }
    if (present == 0) {
      return Optional.empty();
    }
    if (missing != null) {
      throw new InvalidScopeException(
          missing, "is required when any of " + String.join(", ", NAMES) + " is given");
    }
    for (int i = 0; i < NAMES.size(); i++) {
      String problem = Scope.problem(decoded[i]);
      if (!problem.isEmpty()) {
        throw new InvalidScopeException(NAMES.get(i), problem);
      }
    }
    return Optional.of(Scope.of(decoded[0], decoded[1], decoded[2], decoded[3]));
  }

  /**
   * Strict decoding: the escapes are undone byte for byte (ISO-8859-1 maps each byte to one char),
   * then the bytes must be well-formed UTF-8, where {@link URLDecoder} with UTF-8 would silently
   * put U+FFFD in place of broken sequences.
   */
  private static String decode(String name, String value) {
    try {
      byte[] bytes =
          URLDecoder.decode(value, StandardCharsets.ISO_8859_1)
              .getBytes(StandardCharsets.ISO_8859_1);
      if (!StandardCharsets.ISO_8859_1.newEncoder().canEncode(value)) {
        throw new InvalidScopeException(name, "must be URL-encoded UTF-8");
      }
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException | IllegalArgumentException e) {
      throw new InvalidScopeException(name, "must be URL-encoded UTF-8");
    }
  }
}
