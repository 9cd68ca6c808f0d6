package dev.runnermetrics.collector.summary;

import java.util.Arrays;

/** A growable array of doubles: one value per tick, no boxing. */
final class Series {
  private double[] values = new double[64];
  private int size;

  void add(double v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  int size() {
    return size;
  }

  /** Bytes held by the value array (its capacity, not just its size). */
  long retainedBytes() {
    return values.length * (long) Double.BYTES;
  }

  double[] toArray() {
    return Arrays.copyOf(values, size);
  }
}
