package dev.runnermetrics.receiver.ui.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SameOriginTest {

  @ParameterizedTest(name = "Origin {0}, Host {1} → {2}")
  @CsvSource(
      nullValues = "NULL",
      value = {
        "http://127.0.0.1:8080, 127.0.0.1:8080, true",
        "https://metrics.example.org, metrics.example.org, true",
        "https://metrics.example.org, metrics.example.org:443, true",
        "http://metrics.example.org:80, metrics.example.org, true",
        "https://Metrics.Example.org, metrics.example.org, true",
        "https://metrics.example.org, metrics.example.org:8443, false",
        "http://127.0.0.1:8081, 127.0.0.1:8080, false",
        "https://evil.example, metrics.example.org, false",
        "https://metrics.example.org.evil.example, metrics.example.org, false",
        "null, 127.0.0.1:8080, false",
        "NULL, 127.0.0.1:8080, false",
        "'', 127.0.0.1:8080, false",
        "http://127.0.0.1:8080/ui, 127.0.0.1:8080, false",
        "file://127.0.0.1:8080, 127.0.0.1:8080, false",
        "http://127.0.0.1:8080, NULL, false",
        "'http://[::1]:8080', '[::1]:8080', true",
      })
  void acceptsOnlyTheRequestsOwnAuthority(String origin, String host, boolean same) {
    assertEquals(same, SameOrigin.matches(origin, host));
  }
}
