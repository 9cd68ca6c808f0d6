package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.runnermetrics.receiver.problems.entity.ProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PagingTest {

  @Test
  void defaultsToHundredNewest() {
    assertEquals(new Paging(100, Long.MAX_VALUE), Paging.of(null, null));
  }

  @Test
  void capsTheLimitAtThousand() {
    assertEquals(1000, Paging.of("5000", null).limit());
    assertEquals(1000, Paging.of("1000", null).limit());
    assertEquals(7, Paging.of("7", "42").limit());
    assertEquals(42, Paging.of("7", "42").before());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-1", "abc", "1.5", "", "99999999999999999999"})
  void refusesWhatIsNotAPositiveInteger(String value) {
    ProblemException limit = assertThrows(ProblemException.class, () -> Paging.of(value, null));
    assertEquals("limit", limit.problem().field());
    assertEquals(400, limit.problem().status());
    ProblemException before = assertThrows(ProblemException.class, () -> Paging.of(null, value));
    assertEquals("before", before.problem().field());
  }
}
