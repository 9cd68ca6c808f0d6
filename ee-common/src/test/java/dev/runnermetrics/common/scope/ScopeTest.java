package dev.runnermetrics.common.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

  @Test
  void qualifiesBareRepositoryWithOrganization() {
    assertEquals("my-org/my-repo", Scope.of("my-org", "my-repo", "ci.yml", "build").repository());
  }

  @Test
  void keepsQualifiedRepositoryAsGiven() {
    assertEquals(
        "other/my-repo", Scope.of("my-org", "other/my-repo", "ci.yml", "build").repository());
  }

  @Test
  void keepsCaseAndWhitespace() {
    Scope scope = Scope.of(" My-Org", "Repo ", "CI.yml", "Build Job");
    assertEquals(" My-Org", scope.organization());
    assertEquals(" My-Org/Repo ", scope.repository());
    assertEquals("Build Job", scope.job());
  }

  @Test
  void canonicalStringJoinsWithNewlines() {
    assertEquals(
        "my-org\nmy-org/my-repo\nci.yml\nbuild",
        Scope.of("my-org", "my-repo", "ci.yml", "build").canonicalString());
  }

  @Test
  void acceptsUnicodeAndExactly255Characters() {
    String max = "é".repeat(255);
    assertEquals(max, Scope.of("org", "repo", max, "ジョブ").workflow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a\nb", "tab\there", "nul\u0000", "del\u007f", "c1\u0085"})
  void rejectsEmptyOrControlCharacters(String bad) {
    InvalidScopeException e =
        assertThrows(InvalidScopeException.class, () -> Scope.of("org", "repo", "wf", bad));
    assertEquals("job", e.field());
  }

  @Test
  void rejectsMissingAndTooLongValues() {
    assertEquals(
        "organization",
        assertThrows(InvalidScopeException.class, () -> Scope.of(null, "r", "w", "j")).field());
    assertEquals(
        "workflow",
        assertThrows(InvalidScopeException.class, () -> Scope.of("o", "r", "w".repeat(256), "j"))
            .field());
  }

  @Test
  void rejectsRepositoryThatBecomesTooLongWhenQualified() {
    InvalidScopeException e =
        assertThrows(
            InvalidScopeException.class,
            () -> Scope.of("o".repeat(200), "r".repeat(100), "w", "j"));
    assertEquals("repository", e.field());
  }
}
