package dev.runnermetrics.receiver.sizing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnermetrics.receiver.sizing.control.InvalidSizingParameterException;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The advice's form: the format parameter wins, else the client's first acceptable type. */
class FormatTest {

  private static final MediaType YAML = new MediaType("application", "yaml");

  @Test
  void theParameterWinsOverAccept() {
    assertEquals(Format.YAML, Format.of("yaml", List.of(MediaType.APPLICATION_JSON_TYPE)));
    assertEquals(Format.JSON, Format.of("json", List.of(YAML)));
    assertEquals(Format.CGROUP_LIMITS, Format.of("cgroup-limits", List.of(YAML)));
  }

  @Test
  void acceptPicksYamlOnlyWhenItComesFirst() {
    assertEquals(Format.YAML, Format.of(null, List.of(YAML)));
    assertEquals(Format.JSON, Format.of(null, List.of(MediaType.WILDCARD_TYPE, YAML)));
    assertEquals(Format.JSON, Format.of("", List.of(MediaType.APPLICATION_JSON_TYPE, YAML)));
    assertEquals(Format.JSON, Format.of(null, List.of()));
  }

  @Test
  void anUnknownFormatIsRefusedNamingTheParameter() {
    InvalidSizingParameterException e =
        assertThrows(InvalidSizingParameterException.class, () -> Format.of("xml", List.of()));
    assertEquals("format", e.parameter());
  }
}
