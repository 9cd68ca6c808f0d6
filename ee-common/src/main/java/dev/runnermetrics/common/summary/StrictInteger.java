package dev.runnermetrics.common.summary;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Binds every integer field of the contract ({@code int}, {@code long}, their boxes, and lists of
 * them): a whole JSON number within the Java type's range, never narrowed. JSON-B on its own turns
 * {@code 1.5} into 1 and {@code 1e30} into whatever the bits give; this refuses both with a {@link
 * RefusedValueException} that says where the value ends.
 */
public final class StrictInteger implements JsonbDeserializer<Object> {

  @Override
  public Object deserialize(JsonParser parser, DeserializationContext context, Type type) {
    JsonValue value = parser.getValue();
    long offset = offset(parser.getLocation());
    if (type instanceof ParameterizedType list) {
      if (value.getValueType() == JsonValue.ValueType.NULL) {
        return null;
      }
      if (!(value instanceof JsonArray array)) {
        throw new RefusedValueException(offset, "must be an array of whole numbers");
      }
      Type element = list.getActualTypeArguments()[0];
      List<Object> out = new ArrayList<>(array.size());
      for (JsonValue item : array) {
        out.add(
            item.getValueType() == JsonValue.ValueType.NULL ? null : exact(item, element, offset));
      }
      return out;
    }
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    return exact(value, type, offset);
  }

  private static Object exact(JsonValue value, Type type, long offset) {
    boolean isInt = type == int.class || type == Integer.class;
    if (value instanceof JsonNumber number) {
      try {
        if (isInt) {
          return Integer.valueOf(number.intValueExact());
        }
        return Long.valueOf(number.longValueExact());
      } catch (ArithmeticException e) {
        // refused below
      }
    }
    throw new RefusedValueException(
        offset,
        isInt
            ? "must be a whole number from -2147483648 to 2147483647"
            : "must be a whole number from -9223372036854775808 to 9223372036854775807");
  }

  static long offset(JsonLocation location) {
    return location == null ? -1 : location.getStreamOffset();
  }
}
