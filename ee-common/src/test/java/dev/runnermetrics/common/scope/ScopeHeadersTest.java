package dev.runnermetrics.common.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeHeadersTest {

  /** Looks headers up without regard to case, as a server does. */
  private static Optional<Scope> parse(Map<String, List<String>> headers) {
    Map<String, List<String>> lower = new HashMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return ScopeHeaders.parse(name -> lower.getOrDefault(name.toLowerCase(Locale.ROOT), List.of()));
  }

  private static Map<String, List<String>> single(Map<String, String> headers) {
    Map<String, List<String>> out = new HashMap<>();
    headers.forEach((k, v) -> out.put(k, List.of(v)));
    return out;
  }

  @Test
  void roundTripsAnyScopeValue() {
    Scope scope = Scope.of("Ünïcode org", "org/repo+plus%percent", "CI / build.yml", "job: 日本");
    Map<String, String> headers = ScopeHeaders.of(scope);
    assertEquals(ScopeHeaders.NAMES, List.copyOf(headers.keySet()));
    headers.values().forEach(v -> assertTrue(v.chars().allMatch(c -> c > 32 && c < 127), v));
    assertEquals("%C3%9Cn%C3%AFcode+org", headers.get(ScopeHeaders.ORGANIZATION));
    assertEquals(Optional.of(scope), parse(single(headers)));
  }

  @Test
  void qualifiesABareRepositoryLikeTheBody() {
    Map<String, List<String>> headers =
        Map.of(
            "x-runner-metrics-org", List.of("my-org"),
            "X-RUNNER-METRICS-REPO", List.of("my-repo"),
            "X-Runner-Metrics-Workflow", List.of("ci.yml"),
            "X-Runner-Metrics-Job", List.of("build"));
    assertEquals(Optional.of(Scope.of("my-org", "my-repo", "ci.yml", "build")), parse(headers));
  }

  @Test
  void noHeadersIsAnOldCollector() {
    assertEquals(Optional.empty(), parse(Map.of("Authorization", List.of("Bearer x"))));
  }

  @Test
  void refusesAPartialScope() {
    Map<String, String> headers = new HashMap<>(ScopeHeaders.of(Scope.of("o", "r", "w", "j")));
    headers.remove(ScopeHeaders.WORKFLOW);
    InvalidScopeException e =
        assertThrows(InvalidScopeException.class, () -> parse(single(headers)));
    assertEquals(ScopeHeaders.WORKFLOW, e.field());
  }

  @Test
  void refusesARepeatedHeader() {
    Map<String, List<String>> headers = single(ScopeHeaders.of(Scope.of("o", "r", "w", "j")));
    headers.put(ScopeHeaders.JOB, List.of("j", "k"));
    InvalidScopeException e = assertThrows(InvalidScopeException.class, () -> parse(headers));
    assertEquals(ScopeHeaders.JOB, e.field());
    assertTrue(e.getMessage().contains("once"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a bad escape|%zz",
        "a truncated escape|abc%4",
        "broken UTF-8|%C3%28",
        "a lone continuation byte|%80",
        "a raw non-ASCII character|é",
        "a control character|a%0Ab",
        "a value over 255 characters|LONG",
        "an empty value|EMPTY"
      })
  void refusesAnInvalidValue(String name, String value) {
    String raw = value.equals("LONG") ? "x".repeat(256) : value.equals("EMPTY") ? "" : value;
    Map<String, List<String>> headers = single(ScopeHeaders.of(Scope.of("o", "r", "w", "j")));
    headers.put(ScopeHeaders.ORGANIZATION, List.of(raw));
    InvalidScopeException e = assertThrows(InvalidScopeException.class, () -> parse(headers));
    assertEquals(ScopeHeaders.ORGANIZATION, e.field(), name);
  }
}
