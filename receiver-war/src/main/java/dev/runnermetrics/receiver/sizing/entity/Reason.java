package dev.runnermetrics.receiver.sizing.entity;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** One thing that shaped the advice: a stable code for programs and a sentence for people. */
@JsonbPropertyOrder({"code", "text"})
public record Reason(String code, String text) {

  /** A reason with {@code code}'s JSON form. */
  public static Reason of(ReasonCode code, String text) {
    return new Reason(code.code(), text);
  }
}
