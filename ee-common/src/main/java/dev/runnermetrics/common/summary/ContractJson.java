package dev.runnermetrics.common.summary;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * The JSON-B configuration that reads the contract strictly: text only from JSON strings ({@link
 * StrictText}); integers are strict through {@link StrictInteger} on each integer field.
 */
public final class ContractJson {

  private ContractJson() {}

  /** The configuration readers of pushed JSON use. */
  public static JsonbConfig config() {
    return new JsonbConfig().withDeserializers(new StrictText());
  }

  /** A new JSON-B instance with {@link #config()}; the caller closes it. */
  public static Jsonb create() {
    return JsonbBuilder.create(config());
  }
}
