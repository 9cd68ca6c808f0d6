package dev.runnermetrics.receiver.runs.boundary;

import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.Limits;
import dev.runnermetrics.common.summary.PushRequest;
import dev.runnermetrics.common.summary.RefusedValueException;
import dev.runnermetrics.receiver.problems.control.EverythingReachable;
import dev.runnermetrics.receiver.problems.control.RequestBodies;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import dev.runnermetrics.receiver.runs.control.PayloadText;
import dev.runnermetrics.receiver.runs.entity.IncomingPush;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
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
import java.util.Set;

/**
 * Reads a push body the one way there is: at most {@link Limits#MAX_BODY_BYTES} of UTF-8, the
 * reading step of {@link RequestBodies#check} (depth, sizes, duplicate names), JSON-B binding into
 * {@link PushRequest} with the contract's strict integers and text, Bean Validation of the result.
 * Every refusal is a 400 naming the field; the payload's own text is kept for storage.
 */
@Provider
@Consumes(MediaType.APPLICATION_JSON)
public class PushRequestReader implements MessageBodyReader<IncomingPush> {

  private static final Jsonb JSONB = ContractJson.create();

  /**
   * One validator built once; request bodies are never entities, so every property is reachable
   * (the default resolver asks JPA about each one), and the provider need not cache the answers per
   * validation (Hibernate Validator's map of them was a tenth of the validation's CPU).
   */
  private static final class Validators {
    static final Validator VALIDATOR =
        Validation.byDefaultProvider()
            .configure()
            .traversableResolver(new EverythingReachable())
            .addProperty("hibernate.validator.enable_traversable_resolver_result_cache", "false")
            .buildValidatorFactory()
            .getValidator();
  }

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
   * A push body's verdict.
   *
   * @throws ProblemException a 400 for a structural or binding problem, naming the field
   * @throws ConstraintViolationException for constraint violations, each naming its field
   * @throws dev.runnermetrics.common.scope.InvalidScopeException for an invalid scope
   */
  static IncomingPush parse(String text) {
    RequestBodies.check(text);
    String payload = PayloadText.in(text).orElse(null);
    PushRequest request = bind(text);
    Set<ConstraintViolation<PushRequest>> violations = Validators.VALIDATOR.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return new IncomingPush(request.scope(), request.runId(), request.payload(), payload);
  }

  private static PushRequest bind(String text) {
    try {
      PushRequest request = JSONB.fromJson(text, PushRequest.class);
      if (request == null) {
        throw new ProblemException(Problem.badField("body", "the body must be a JSON object"));
      }
      return request;
    } catch (JsonbException | ArithmeticException | NumberFormatException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof RefusedValueException refused) {
          String field = RequestBodies.pathAt(text, refused.offset());
          throw new ProblemException(Problem.badField(field, field + " " + refused.getMessage()));
        }
      }
      throw new ProblemException(
          Problem.badField(
              "body",
              "the body does not match the push request: check field types, numbers and"
                  + " RFC 3339 times"));
    }
  }
}
