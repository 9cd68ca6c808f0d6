package dev.runnermetrics.common.summary;

import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.bind.serializer.DeserializationContext;
import jakarta.json.bind.serializer.JsonbDeserializer;
import jakarta.json.stream.JsonParser;
import java.lang.reflect.Type;

/**
 * Binds every text field of the contract from a JSON string (or null) only: JSON-B on its own turns
 * {@code 123} into {@code "123"}, so a number sent for the organization would pass as a name.
 */
public final class StrictText implements JsonbDeserializer<String> {

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context, Type type) {
    JsonValue value = parser.getValue();
    if (value instanceof JsonString text) {
      return text.getString();
    }
    if (value.getValueType() == JsonValue.ValueType.NULL) {
      return null;
    }
    throw new RefusedValueException(StrictInteger.offset(parser.getLocation()), "must be a string");
  }
}
