package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.summary.InstantMillis;
import dev.runnermetrics.common.summary.Limits;
import dev.runnermetrics.common.summary.NonNegativeFinite;
import dev.runnermetrics.common.summary.PushRequest;
import dev.runnermetrics.receiver.problems.control.RequestBodies;
import jakarta.json.bind.annotation.JsonbProperty;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.json.bind.annotation.JsonbTypeAdapter;
import jakarta.json.bind.annotation.JsonbTypeSerializer;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import jakarta.validation.Constraint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.io.StringReader;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The push contract as one streaming pass: decides whether a body is certainly a valid push without
 * binding records or running Bean Validation, which together cost more CPU than the rest of a push.
 *
 * <p>It is built once from the contract's own records and their annotations ({@link PushRequest}
 * and what it holds), so the constraints keep a single home. It knows the annotations the contract
 * uses ({@code @NotNull}, {@code @Size}, {@code @Pattern}, {@code @PositiveOrZero}, {@link
 * NonNegativeFinite}, {@code @Valid}, {@code @JsonbProperty}, the {@link InstantMillis} adapter);
 * meeting any other constraint or binding annotation, {@link #of} refuses to build, so a new
 * constraint can never be skipped silently.
 *
 * <p>It only ever answers "certainly valid" or "not sure". A body it does not fully understand
 * (unknown members, null where a primitive is, a number written as a string, an integer in exponent
 * notation, a member missing…) is "not sure": the caller then takes the full path (JSON-B binding
 * and Bean Validation), which also writes the 400 naming the field. So this pass can make pushes
 * cheaper but never lets through what the full path refuses; {@code PushContractTest} compares both
 * on a corpus of valid and hostile bodies.
 *
 * <p>What "certainly valid" covers: one JSON object and nothing after it; no member name twice
 * (escapes resolved); every member known to the contract and of its JSON kind; required members
 * present and not null; strings within their sizes and patterns and without unpaired surrogates;
 * numbers at most {@link RequestBodies#MAX_NUMBER_CHARS} characters, integers written as plain
 * digits within range, doubles finite and within their constraints; lists within their sizes,
 * without null elements; times that {@link InstantMillis} parses. Nesting is bounded by the
 * contract's own depth.
 */
public final class PushContract {

  /** A body found valid: its top-level string members by JSON name. */
  public record Accepted(Map<String, String> strings) {

    /** The top-level string member {@code name}. */
    public String string(String name) {
      return strings.get(name);
    }
  }

  private enum Kind {
    STRING,
    INSTANT,
    DOUBLE,
    LONG,
    INT,
    OBJECT,
    LIST
  }

  /** One member of a JSON object as the contract describes it. */
  private record Member(
      String name,
      long bit,
      Kind kind,
      boolean required,
      int minSize,
      int maxSize,
      Pattern pattern,
      boolean nonNegativeFinite,
      Shape shape) {}

  /** A JSON object of the contract: its members and which of them must be present. */
  private static final class Shape {
    final Map<String, Member> members = new HashMap<>();
    long required;
  }

  private static final NonNegativeFinite.Validator NON_NEGATIVE_FINITE =
      new NonNegativeFinite.Validator();

  /** Longest digit strings parsed as long and int: always in range, never overflowing. */
  private static final int MAX_LONG_DIGITS = 18;

  private static final int MAX_INT_DIGITS = 9;

  private final Shape root;

  private PushContract(Shape root) {
    this.root = root;
  }

  /**
   * The check for {@code record}'s JSON form.
   *
   * @throws IllegalArgumentException when the record uses a type or annotation this check does not
   *     know, naming it
   */
  public static PushContract of(Class<? extends Record> record) {
    return new PushContract(shape(record, new HashMap<>()));
  }

  /**
   * The body's top-level strings when {@code json} is certainly a valid push, else empty (which
   * means "take the full path", not "invalid").
   */
  public Optional<Accepted> accept(String json) {
    Map<String, String> strings = new HashMap<>(8);
    try (JsonParser parser = RequestBodies.JSON.createParser(new StringReader(json))) {
      if (!parser.hasNext()
          || parser.next() != Event.START_OBJECT
          || !object(parser, root, strings)
          || parser.hasNext()) {
        return Optional.empty();
      }
    } catch (RuntimeException e) {
      // Syntax errors and the like: the full path says what is wrong.
      return Optional.empty();
    }
    return Optional.of(new Accepted(strings));
  }

  /** The members of an object whose START_OBJECT was just read, up to its END_OBJECT. */
  private static boolean object(JsonParser parser, Shape shape, Map<String, String> strings) {
    long seen = 0;
    for (Event event = parser.next(); event != Event.END_OBJECT; event = parser.next()) {
      Member member = shape.members.get(parser.getString());
      if (member == null || (seen & member.bit()) != 0) {
        return false;
      }
      seen |= member.bit();
      if (!value(parser, parser.next(), member, strings)) {
        return false;
      }
    }
    return (seen & shape.required) == shape.required;
  }

  private static boolean value(
      JsonParser parser, Event event, Member member, Map<String, String> strings) {
    if (event == Event.VALUE_NULL) {
      return !member.required();
    }
    return switch (member.kind()) {
      case STRING -> {
        if (event != Event.VALUE_STRING) {
          yield false;
        }
        String text = parser.getString();
        if (!fits(text, member) || RequestBodies.hasLoneSurrogate(text)) {
          yield false;
        }
        if (strings != null) {
          strings.put(member.name(), text);
        }
        yield true;
      }
      case INSTANT -> event == Event.VALUE_STRING && isInstant(parser.getString());
      case DOUBLE -> event == Event.VALUE_NUMBER && isDouble(parser.getString(), member);
      case LONG -> event == Event.VALUE_NUMBER && isDigits(parser.getString(), MAX_LONG_DIGITS);
      case INT -> event == Event.VALUE_NUMBER && isDigits(parser.getString(), MAX_INT_DIGITS);
      case OBJECT -> event == Event.START_OBJECT && object(parser, member.shape(), null);
      case LIST -> event == Event.START_ARRAY && list(parser, member);
    };
  }

  /** The elements of a list of objects whose START_ARRAY was just read, up to its END_ARRAY. */
  private static boolean list(JsonParser parser, Member member) {
    int count = 0;
    for (Event event = parser.next(); event != Event.END_ARRAY; event = parser.next()) {
      if (event != Event.START_OBJECT
          || ++count > member.maxSize()
          || !object(parser, member.shape(), null)) {
        return false;
      }
    }
    return count >= member.minSize();
  }

  private static boolean fits(String text, Member member) {
    return text.length() >= member.minSize()
        && text.length() <= member.maxSize()
        && (member.pattern() == null
            || (member.pattern() == NO_CONTROL
                ? hasNoControlCharacter(text)
                : member.pattern().matcher(text).matches()));
  }

  /**
   * The contract's most common pattern, {@link Limits#NO_CONTROL_CHARACTERS}, compiled once and
   * recognised by identity so that it is checked with a loop instead of a regex engine: {@code
   * \p{Cntrl}} is U+0000–U+001F and U+007F, and the pattern adds U+0080–U+009F.
   */
  private static final Pattern NO_CONTROL = Pattern.compile(Limits.NO_CONTROL_CHARACTERS);

  static boolean hasNoControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether {@link InstantMillis} reads {@code text}. The form the collector writes ({@code
   * 2026-02-06T14:30:02.185Z}) is checked field by field; any other form is left to the parser.
   */
  static boolean isInstant(String text) {
    if (text.length() == 24
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(19) == '.'
        && text.charAt(23) == 'Z') {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 2);
      int day = digits(text, 8, 2);
      int hour = digits(text, 11, 2);
      int minute = digits(text, 14, 2);
      int second = digits(text, 17, 2);
      int millis = digits(text, 20, 3);
      if (year >= 0
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= java.time.YearMonth.of(year, month).lengthOfMonth()
          && hour >= 0
          && hour <= 23
          && minute >= 0
          && minute <= 59
          && second >= 0
          && second <= 59
          && millis >= 0) {
        return true;
      }
    }
    try {
      InstantMillis.parse(text);
      return true;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The decimal number in {@code text[from, from + count)}, or -1 when it is not all digits. */
  private static int digits(String text, int from, int count) {
    int value = 0;
    for (int i = from; i < from + count; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /** Plain digits only: no sign, fraction or exponent, so the value is whole, ≥ 0 and in range. */
  private static boolean isDigits(String text, int maxDigits) {
    if (text.isEmpty() || text.length() > maxDigits) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /**
   * A finite double of at least 0, within {@link NonNegativeFinite} when the member has it. A minus
   * sign is "not sure" even for {@code -0}: constraints differ on negative zero.
   */
  private static boolean isDouble(String text, Member member) {
    if (text.length() > RequestBodies.MAX_NUMBER_CHARS || text.startsWith("-")) {
      return false;
    }
    // Without an exponent and with at most 18 digits before the point, the value is below 1e18
    // (NonNegativeFinite's bound) and finite: no need to convert it.
    int point = text.indexOf('.');
    if (text.indexOf('e') < 0
        && text.indexOf('E') < 0
        && (point < 0 ? text.length() : point) <= 18) {
      return true;
    }
    double value = Double.parseDouble(text);
    return Double.isFinite(value)
        && value >= 0
        && (!member.nonNegativeFinite() || NON_NEGATIVE_FINITE.isValid(value, null));
  }

  // ---- building the shape from the records ----

  private static Shape shape(Class<?> type, Map<Class<?>, Shape> done) {
    if (!type.isRecord()) {
      throw new IllegalArgumentException(type.getName() + " is not a record");
    }
    Shape known = done.get(type);
    if (known != null) {
      return known;
    }
    for (Annotation annotation : type.getAnnotations()) {
      Class<? extends Annotation> kind = annotation.annotationType();
      if (kind != JsonbPropertyOrder.class && kind != JsonbTypeSerializer.class && binds(kind)) {
        throw unknown(type.getSimpleName(), annotation);
      }
    }
    Shape shape = new Shape();
    done.put(type, shape);
    RecordComponent[] components = type.getRecordComponents();
    if (components.length > Long.SIZE) {
      throw new IllegalArgumentException(type.getName() + " has more than 64 components");
    }
    for (int i = 0; i < components.length; i++) {
      Member member = member(type, components[i], 1L << i, done);
      shape.members.put(member.name(), member);
      if (member.required()) {
        shape.required |= member.bit();
      }
    }
    return shape;
  }

  private static Member member(
      Class<?> owner, RecordComponent component, long bit, Map<Class<?>, Shape> done) {
    Field field;
    try {
      field = owner.getDeclaredField(component.getName());
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException("a record without its component's field", e);
    }
    String where = owner.getSimpleName() + "." + component.getName();
    String name = component.getName();
    boolean notNull = false;
    boolean valid = false;
    boolean instant = false;
    boolean nonNegativeFinite = false;
    boolean positiveOrZero = false;
    int minSize = 0;
    int maxSize = Integer.MAX_VALUE;
    Pattern pattern = null;
    for (Annotation annotation : field.getAnnotations()) {
      if (annotation instanceof JsonbProperty p) {
        name = p.value();
      } else if (annotation instanceof JsonbTypeAdapter a && a.value() == InstantMillis.class) {
        instant = true;
      } else if (annotation instanceof NotNull n && n.groups().length == 0) {
        notNull = true;
      } else if (annotation instanceof Valid) {
        valid = true;
      } else if (annotation instanceof NonNegativeFinite n && n.groups().length == 0) {
        nonNegativeFinite = true;
      } else if (annotation instanceof PositiveOrZero p && p.groups().length == 0) {
        positiveOrZero = true;
      } else if (annotation instanceof Size z && z.groups().length == 0) {
        minSize = z.min();
        maxSize = z.max();
      } else if (annotation instanceof jakarta.validation.constraints.Pattern p
          && p.groups().length == 0
          && p.flags().length == 0) {
        pattern =
            p.regexp().equals(Limits.NO_CONTROL_CHARACTERS)
                ? NO_CONTROL
                : Pattern.compile(p.regexp());
      } else {
        throw unknown(where, annotation);
      }
    }
    Class<?> type = component.getType();
    Kind kind;
    Shape shape = null;
    if (type == String.class) {
      kind = Kind.STRING;
    } else if (type == Instant.class && instant) {
      kind = Kind.INSTANT;
    } else if (type == double.class || type == Double.class) {
      kind = Kind.DOUBLE;
    } else if (type == long.class || type == Long.class) {
      kind = Kind.LONG;
    } else if (type == int.class || type == Integer.class) {
      kind = Kind.INT;
    } else if (type.isRecord()) {
      kind = Kind.OBJECT;
      shape = shape(type, done);
    } else if (type == List.class
        && field.getGenericType() instanceof ParameterizedType list
        && list.getActualTypeArguments()[0] instanceof Class<?> element
        && element.isRecord()) {
      kind = Kind.LIST;
      shape = shape(element, done);
      valid |= elementsValid(where, field);
    } else {
      throw new IllegalArgumentException(where + ": type " + type.getName() + " is not supported");
    }
    if (instant && kind != Kind.INSTANT) {
      throw new IllegalArgumentException(where + ": a type adapter on " + type.getName());
    }
    if ((kind == Kind.OBJECT || kind == Kind.LIST) && !valid) {
      // Without @Valid, Bean Validation would not look inside; this pass would still be stricter,
      // which is safe, but it means the records changed: say so rather than guess.
      throw new IllegalArgumentException(where + ": nested record without @Valid");
    }
    if (positiveOrZero && kind != Kind.DOUBLE && kind != Kind.LONG && kind != Kind.INT) {
      throw new IllegalArgumentException(where + ": @PositiveOrZero on " + type.getName());
    }
    if (pattern != null && kind != Kind.STRING) {
      throw new IllegalArgumentException(where + ": @Pattern on " + type.getName());
    }
    boolean required = notNull || type.isPrimitive();
    return new Member(
        name, bit, kind, required, minSize, maxSize, pattern, nonNegativeFinite, shape);
  }

  /**
   * Whether a list's elements are {@code @Valid}; they may carry only that and {@code @NotNull}
   * (null elements are "not sure" here anyway).
   */
  private static boolean elementsValid(String where, Field field) {
    boolean valid = false;
    if (field.getAnnotatedType() instanceof AnnotatedParameterizedType list) {
      for (Annotation annotation : list.getAnnotatedActualTypeArguments()[0].getAnnotations()) {
        if (annotation instanceof Valid) {
          valid = true;
        } else if (!(annotation instanceof NotNull n && n.groups().length == 0)) {
          throw unknown(where + "[]", annotation);
        }
      }
    }
    return valid;
  }

  /** Whether an annotation on a record class could change how it binds or validates. */
  private static boolean binds(Class<? extends Annotation> kind) {
    String name = kind.getName();
    return kind.isAnnotationPresent(Constraint.class)
        || name.startsWith("jakarta.validation.")
        || name.startsWith("jakarta.json.bind.annotation.");
  }

  private static IllegalArgumentException unknown(String where, Annotation annotation) {
    return new IllegalArgumentException(
        where + ": " + annotation.annotationType().getName() + " is not known to PushContract");
  }
}
