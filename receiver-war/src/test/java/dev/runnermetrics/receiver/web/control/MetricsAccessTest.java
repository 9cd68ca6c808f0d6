package dev.runnermetrics.receiver.web.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MetricsAccessTest {

  private static MetricsAccess access(String setting) {
    MetricsAccess access = new MetricsAccess();
    access.metricsPublic = Optional.ofNullable(setting);
    access.init();
    return access;
  }

  @Test
  void needsTheReadTokenUnlessMadePublic() {
    assertFalse(access(null).isPublic());
    assertFalse(access("false").isPublic());
    assertTrue(access("true").isPublic());
    assertTrue(access("TRUE").isPublic());
    assertEquals(Optional.empty(), access("true").invalidSetting());
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "1", "ture", ""})
  void refusesAnythingButTrueOrFalseAndStaysClosed(String setting) {
    MetricsAccess access = access(setting);
    assertEquals(
        Optional.of(MetricsAccess.METRICS_PUBLIC + " must be true or false"),
        access.invalidSetting());
    assertFalse(access.isPublic());
  }
}
