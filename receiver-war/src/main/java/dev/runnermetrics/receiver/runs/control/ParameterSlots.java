package dev.runnermetrics.receiver.runs.control;

/**
 * How many parameters a statement with a list of {@code n} values gets: the next power of two, the
 * rest bound to a repeat of the last value. A writer then uses a handful of statement texts, which
 * are parsed once and kept prepared, instead of one text per list length.
 */
final class ParameterSlots {

  private ParameterSlots() {}

  /** The next power of two from {@code n} (at least 1). */
  static int forCount(int n) {
    int slots = Integer.highestOneBit(Math.max(n, 1));
    return slots < n ? slots << 1 : slots;
  }
}
