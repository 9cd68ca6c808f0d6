package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RawJsonTest {

  @Test
  void returnsPayloadTextWithNumbersAsWritten() {
    String json =
        "{\"run_id\":\"r\",\"payload\":{\"a\":1.50,\"b\":1e-7,\"c\":[0.0000001,{\"d\":\"}\"}]}}";
    assertEquals(
        Optional.of("{\"a\":1.50,\"b\":1e-7,\"c\":[0.0000001,{\"d\":\"}\"}]}"),
        RawJson.member(json, "payload"));
  }

  @Test
  void skipsStringsWithBracesQuotesAndEscapesBeforeTheMember() {
    String json = "{ \"x\" : \"a\\\"}{[\" , \"y\":[{\"payload\":1}], \"payload\" : { } }";
    assertEquals(Optional.of("{ }"), RawJson.member(json, "payload"));
  }

  @Test
  void matchesEscapedMemberNames() {
    assertEquals(Optional.of("true"), RawJson.member("{\"pay\\u006coad\":true}", "payload"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":12.0}|12.0",
        "{\"a\":-0}|-0",
        "{\"a\":null}|null",
        "{\"a\":\"s\"}|\"s\"",
        "{\"b\":1,\"a\":[1,2]}|[1,2]",
        "{\"a\":1e400 }|1e400"
      })
  void returnsScalarsAndArraysVerbatim(String json, String expected) {
    assertEquals(Optional.of(expected), RawJson.member(json, "a"));
  }

  @Test
  void isEmptyWhenAbsentOrNotAnObject() {
    assertTrue(RawJson.member("{\"a\":{\"payload\":1}}", "payload").isEmpty());
    assertTrue(RawJson.member("[1]", "payload").isEmpty());
    assertTrue(RawJson.member("{}", "payload").isEmpty());
  }
}
