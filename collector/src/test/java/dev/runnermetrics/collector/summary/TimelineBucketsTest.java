package dev.runnermetrics.collector.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.summary.Timeline;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class TimelineBucketsTest {

  @Test
  void aDayAtOneSecondStaysUnder300PointsAndKeepsTheTruePeak() {
    TimelineBuckets b = new TimelineBuckets();
    int spikeAt = 50_001; // one second of 7.5 cores in a day of 0.5
    for (int t = 0; t < 86_400; t++) {
      b.add(t + 1, t == spikeAt ? 7.5 : 0.5, t == spikeAt ? 9_000_000_000L : 1_000_000_000L);
    }
    Timeline tl = b.toTimeline(0);
    assertTrue(tl.offsetSeconds().size() <= 300, "points: " + tl.offsetSeconds().size());
    assertTrue(tl.offsetSeconds().size() >= 150, "the series still has detail");
    assertEquals(7.5, Collections.max(tl.cpuCoresMax()), 1e-12);
    assertEquals(9_000_000_000L, Collections.max(tl.memoryBytesMax()));
    // the spike's bucket keeps the max but its mean is diluted: the mean never invents a spike
    int i = tl.cpuCoresMax().indexOf(7.5);
    assertTrue(tl.cpuCoresAvg().get(i) < 1.0, "mean " + tl.cpuCoresAvg().get(i));
    double start = tl.offsetSeconds().get(i);
    assertTrue(start <= spikeAt + 1 && spikeAt + 1 < start + tl.bucketSeconds(), "spike in bucket");
    assertEquals(512.0, tl.bucketSeconds(), "1 s doubled until 300 buckets cover a day");
    assertTrue(tl.isAligned());
  }

  @Test
  void aShortRunKeepsOneSecondBucketsWithMaxAndMean() {
    TimelineBuckets b = new TimelineBuckets();
    b.add(0.5, 1.0, 100);
    b.add(0.9, 3.0, 300);
    b.add(2.2, 2.0, 200);
    Timeline tl = b.toTimeline(0.25);
    assertEquals(1.0, tl.bucketSeconds());
    assertEquals(java.util.List.of(0.25, 2.25), tl.offsetSeconds());
    assertEquals(java.util.List.of(3.0, 2.0), tl.cpuCoresMax());
    assertEquals(java.util.List.of(2.0, 2.0), tl.cpuCoresAvg());
    assertEquals(java.util.List.of(300L, 200L), tl.memoryBytesMax());
    assertEquals(java.util.List.of(200L, 200L), tl.memoryBytesAvg());
  }

  @Test
  void memoryIsFixedWhateverTheLength() {
    assertTrue(TimelineBuckets.retainedBytes() < 16 * 1024);
  }
}
