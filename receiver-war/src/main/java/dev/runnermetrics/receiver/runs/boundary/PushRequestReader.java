package dev.runnermetrics.receiver.runs.boundary;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.Limits;
import dev.runnermetrics.common.summary.PushRequest;
import dev.runnermetrics.receiver.problems.control.EverythingReachable;
import dev.runnermetrics.receiver.problems.control.RequestBodies;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import dev.runnermetrics.receiver.runs.control.PushContract;
import dev.runnermetrics.receiver.runs.control.RawJson;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Reads a push body: at most {@link Limits#MAX_BODY_BYTES}, strict JSON, valid against {@link
 * PushRequest}, and keeps the payload's own text for storage.
 *
 * <p>Two ways to the same verdict. A body that {@link PushContract} finds certainly valid in one
 * streaming pass is taken as it is; any other body goes the full way (a strict structural pass,
 * JSON-B binding, Bean Validation), which refuses it with a 400 naming the field, or accepts what
 * the quick pass was not sure of.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class PushRequestReader implements MessageBodyReader<IncomingPush> {

  private static final Jsonb JSONB = JsonbBuilder.create();

  private static final Logger LOG = Logger.getLogger(PushRequestReader.class.getName());

  /** The quick pass, or null when the contract's records use something it does not know. */
  private static final PushContract CONTRACT = contract();

  private static PushContract contract() {
    try {
      return PushContract.of(PushRequest.class);
    } catch (IllegalArgumentException e) {
      LOG.warning("every push takes the full validation path (slower): " + e.getMessage());
      return null;
    }
  }

  /**
   * Validates the bound request here, with one validator built once, instead of through
   * {@code @Valid} on the resource method: JAX-RS and CDI method validation (executable metadata,
   * an interceptor, a cascade through the wrapper) cost more CPU than the checks themselves.
   */
  private static final class Validators {
    static final Validator VALIDATOR =
        Validation.byDefaultProvider()
            .configure()
            .traversableResolver(new EverythingReachable())
            .buildValidatorFactory()
            .getValidator();
  }

  /** The contract's integer members and their largest values (JSON-B narrows silently). */
  static final Map<String, Long> INTEGERS =
      Map.of(
          "sample_count", Long.MAX_VALUE,
          "pid", (long) Integer.MAX_VALUE,
          "peak_mem_bytes", Long.MAX_VALUE,
          "memory_limit_bytes", Long.MAX_VALUE);

  /** The top-level members and their JSON kinds. */
  static final Map<String, JsonParser.Event> KINDS =
      Map.of(
          "organization", JsonParser.Event.VALUE_STRING,
          "repository", JsonParser.Event.VALUE_STRING,
          "workflow", JsonParser.Event.VALUE_STRING,
          "job", JsonParser.Event.VALUE_STRING,
          "run_id", JsonParser.Event.VALUE_STRING,
          "payload", JsonParser.Event.START_OBJECT);

  @Override
  public boolean isReadable(
      Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return type == IncomingPush.class;
  }

  @Override
  public IncomingPush readFrom(
      Class<IncomingPush> type,
      Type genericType,
      Annotation[] annotations,
      MediaType mediaType,
      MultivaluedMap<String, String> headers,
      InputStream body)
      throws IOException {
    String text =
        RequestBodies.read(
            body, headers.getFirst(HttpHeaders.CONTENT_LENGTH), Limits.MAX_BODY_BYTES);
    return parse(text);
  }

  /**
   * A push body's verdict: the quick pass when it is sure, else the full path.
   *
   * @throws ProblemException, ConstraintViolationException or InvalidScopeException as {@link
   *     #full} does
   */
  static IncomingPush parse(String text) {
    Optional<PushContract.Accepted> valid =
        CONTRACT == null ? Optional.empty() : CONTRACT.accept(text);
    if (valid.isEmpty()) {
      return full(text);
    }
    PushContract.Accepted push = valid.get();
    return new IncomingPush(
        Scope.of(
            push.string("organization"),
            push.string("repository"),
            push.string("workflow"),
            push.string("job")),
        push.string("run_id"),
        RawJson.member(text, "payload").orElseThrow());
  }

  /**
   * The full path: the structural pass, JSON-B binding into {@link PushRequest}, Bean Validation.
   *
   * @throws ProblemException a 400 for a structural or binding problem
   * @throws ConstraintViolationException for constraint violations, each naming its field
   * @throws dev.runnermetrics.common.scope.InvalidScopeException for an invalid scope
   */
  static IncomingPush full(String text) {
    RequestBodies.check(text, INTEGERS, KINDS);
    PushRequest request;
    try {
      request = JSONB.fromJson(text, PushRequest.class);
    } catch (JsonbException | ArithmeticException | NumberFormatException e) {
      throw new ProblemException(
          Problem.badField(
              "body",
              "the body does not match the push request: check field types, numbers and"
                  + " RFC 3339 times"));
    }
    Set<ConstraintViolation<PushRequest>> violations = Validators.VALIDATOR.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return new IncomingPush(
        request.scope(), request.runId(), RawJson.member(text, "payload").orElse(null));
  }
}
