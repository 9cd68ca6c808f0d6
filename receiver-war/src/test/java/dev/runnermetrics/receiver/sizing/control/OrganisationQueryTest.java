package dev.runnermetrics.receiver.sizing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnermetrics.receiver.sizing.control.OrganisationQuery.Sort;
import dev.runnermetrics.receiver.sizing.entity.Confidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The organisation view's paging and order, read from query text, and its confidence levels. */
class OrganisationQueryTest {

  @Test
  void defaultsToMostCpuWasteFirstAHundredAtATime() {
    assertEquals(new OrganisationQuery(Sort.CPU_WASTE, 100, 0), fromQuery(null, null, null));
    assertEquals(new OrganisationQuery(Sort.CPU_WASTE, 100, 0), fromQuery(" ", "", ""));
  }

  @Test
  void readsEveryOrderAndTheNextPage() {
    for (Sort sort : Sort.values()) {
      assertEquals(sort, fromQuery(sort.label(), "5", "10").sort());
    }
    assertEquals(new OrganisationQuery(Sort.RUNS, 5, 15), fromQuery("RUNS", "5", "10").next());
  }

  @ParameterizedTest
  @CsvSource({
    "bogus, 10, 0, sort",
    "name, 0, 0, limit",
    "name, 501, 0, limit",
    "name, ten, 0, limit",
    "name, 10, -1, offset",
    "name, 10, 100001, offset",
    "name, 10, 1e3, offset"
  })
  void refusesTextThatIsNotAValueNamingTheParameter(
      String sort, String limit, String offset, String parameter) {
    InvalidSizingParameterException e =
        assertThrows(InvalidSizingParameterException.class, () -> fromQuery(sort, limit, offset));
    assertEquals(parameter, e.parameter());
  }

  @ParameterizedTest
  @CsvSource({"0, none", "1, low", "2, low", "3, medium", "4, medium", "5, high", "500, high"})
  void confidenceFollowsTheMethodsPhasesByCleanRuns(long clean, String level) {
    assertEquals(level, OrganisationView.level(clean));
  }

  @Test
  void everyOrderEndsWithTheJobsNameForStablePages() {
    for (Sort sort : Sort.values()) {
      String order = OrganisationView.order(sort);
      assertEquals(true, order.endsWith("r.repository, r.workflow, r.job"), order);
    }
    assertEquals(Confidence.NONE, OrganisationView.level(0));
  }

  private static OrganisationQuery fromQuery(String sort, String limit, String offset) {
    return OrganisationQuery.fromQuery(sort, limit, offset);
  }
}
