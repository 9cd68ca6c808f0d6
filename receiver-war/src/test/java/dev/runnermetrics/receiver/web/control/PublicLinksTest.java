package dev.runnermetrics.receiver.web.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublicLinksTest {

  private static PublicLinks links(String publicUrl) {
    PublicLinks links = new PublicLinks();
    links.publicUrl = Optional.ofNullable(publicUrl);
    links.init();
    return links;
  }

  @Test
  void withoutAPublicUrlLinksAreHostlessPaths() {
    PublicLinks links = links(null);
    assertEquals(Optional.empty(), links.invalidSetting());
    assertEquals(URI.create("/api/v1/metrics/35"), links.link("/api/v1/metrics/35"));
    assertEquals(URI.create("/api/v1/metrics/35"), links(" ").link("/api/v1/metrics/35"));
  }

  @ParameterizedTest
  @CsvSource({
    "https://metrics.example.org, https://metrics.example.org/api/v1/metrics/35",
    "https://metrics.example.org/, https://metrics.example.org/api/v1/metrics/35",
    "HTTPS://metrics.example.org:8443/, https://metrics.example.org:8443/api/v1/metrics/35",
    "http://ci.example.org/runner-metrics/, http://ci.example.org/runner-metrics/api/v1/metrics/35",
    "http://[::1]:8080, http://[::1]:8080/api/v1/metrics/35"
  })
  void putsPathsUnderThePublicUrl(String publicUrl, String expected) {
    PublicLinks links = links(publicUrl);
    assertEquals(Optional.empty(), links.invalidSetting());
    assertEquals(URI.create(expected), links.link("/api/v1/metrics/35"));
  }

  @Test
  void keepsOnlyPathAndQueryOfARequestUri() {
    URI fromHost =
        URI.create("http://evil.example/api/v1/metrics/repo/o/o%2Fr/w/j?before=9&limit=2");
    assertEquals(
        URI.create("https://metrics.example.org/api/v1/metrics/repo/o/o%2Fr/w/j?before=9&limit=2"),
        links("https://metrics.example.org").link(fromHost));
    assertEquals(
        URI.create("/api/v1/metrics/repo/o/o%2Fr/w/j?before=9&limit=2"),
        links(null).link(fromHost));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "receiver.internal:8080",
        "/runner-api",
        "ftp://metrics.example.org",
        "https:///no-host",
        "https://user:secret@metrics.example.org",
        "https://metrics.example.org/?x=1",
        "https://metrics.example.org/#top",
        "https://metrics example.org"
      })
  void refusesWhatIsNotABaseUrlWithoutShowingIt(String publicUrl) {
    String refusal = links(publicUrl).invalidSetting().orElseThrow();
    assertTrue(refusal.startsWith(PublicLinks.PUBLIC_URL + " must be"), refusal);
    assertFalse(refusal.contains(publicUrl), refusal);
  }
}
