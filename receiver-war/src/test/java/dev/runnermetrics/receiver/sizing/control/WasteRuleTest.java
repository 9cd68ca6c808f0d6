package dev.runnermetrics.receiver.sizing.control;

import static dev.runnermetrics.receiver.sizing.control.Row.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.runnermetrics.receiver.sizing.entity.ContainerAdvice;
import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import org.junit.jupiter.api.Test;

/** Waste figures computed by hand for the steady job of {@link SizingAdvisorTest}. */
class WasteRuleTest {

  /**
   * Five 10-minute runs (1/6 h each) at a 2-core, 2 GiB limit, 0.8 cores and 700 MiB on average
   * (cgroup), advised 1.45 cores and 1216 MiB.
   */
  @Test
  void countsReservedMinusUsedAndWhatTheAdviceSaves() {
    SizingAdvice advice =
        SizingAdvisor.advise(SizingAdvisorTest.steady(), SizingParameters.DEFAULTS);
    ContainerAdvice build = advice.container("build").orElseThrow();
    double hours = 5 / 6.0;
    assertEquals(5, build.waste().cpu().runs());
    assertEquals(round(2.0 * hours), build.waste().cpu().reservedCoreHours(), 1e-6);
    // avg = p95 × 2/3 in the test rows: (1.2 + 1.1 + 1.15 + 1.0 + 1.05) × 2/3 × 1/6
    double used = (1.2 + 1.1 + 1.15 + 1.0 + 1.05) * 2 / 3 / 6;
    assertEquals(round(used), build.waste().cpu().usedCoreHours(), 1e-6);
    assertEquals(round(2.0 * hours - used), build.waste().cpu().wasteCoreHours(), 1e-6);
    assertEquals(round((2.0 - 1.45) * hours), build.waste().cpu().adviceSavesCoreHours(), 1e-6);

    // Memory: 2 GiB reserved; used = 0.7 × (1000 + 980 + 1010 + 990 + 1000) MiB × 1/6 h.
    double usedGib = 0.7 * (1000 + 980 + 1010 + 990 + 1000) / 1024.0 / 6;
    assertEquals(round(2.0 * hours), build.waste().memory().reservedGibHours(), 1e-6);
    assertEquals(round(usedGib), build.waste().memory().usedGibHours(), 1e-6);
    assertEquals(round(2.0 * hours - usedGib), build.waste().memory().wasteGibHours(), 1e-6);
    assertEquals(
        round((2.0 - 1216 / 1024.0) * hours), build.waste().memory().adviceSavesGibHours(), 1e-6);

    assertEquals(build.waste().cpu().wasteCoreHours(), advice.wasteCoreHours(), 1e-6);
    assertEquals(build.waste().memory().wasteGibHours(), advice.wasteGibHours(), 1e-6);
  }

  @Test
  void hasNoWasteFigureWithoutALimit() {
    SizingAdvice advice =
        SizingAdvisor.advise(
            SizingAdvisorTest.rows(run("r1", 1).limits(null, null)), SizingParameters.DEFAULTS);
    ContainerAdvice build = advice.container("build").orElseThrow();
    assertNull(build.waste().cpu());
    assertNull(build.waste().memory());
    assertEquals(0, advice.wasteCoreHours());
  }

  @Test
  void aGrowingAdviceSavesANegativeAmount() {
    SizingAdvice advice =
        SizingAdvisor.advise(
            SizingAdvisorTest.rows(run("r1", 1).oomKills(1).memoryMib(2048)),
            SizingParameters.DEFAULTS);
    // Reserved 2 GiB for 1/6 h; the advice of 2464 MiB would reserve more.
    assertEquals(
        round((2.0 - 2464 / 1024.0) / 6),
        advice.container("build").orElseThrow().waste().memory().adviceSavesGibHours(),
        1e-6);
  }

  private static double round(double value) {
    return Math.rint(value * 1e6) / 1e6;
  }
}
