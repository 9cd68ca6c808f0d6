package dev.runnermetrics.receiver.sizing.control;

/**
 * Rounding of advice, always upward: CPU to 50 millicores, memory to 16 MiB, each at least one
 * step. Steps this size keep the YAML readable ({@code 1250m}, {@code 1536Mi}) and cost at most
 * 0.05 cores and 16 MiB over the exact figure, where CI Sizer's half cores and powers of two cost
 * up to half a core and double the memory.
 */
final class Steps {

  static final long CPU_STEP_MILLICORES = 50;
  static final long MEMORY_STEP_BYTES = 16L * 1024 * 1024;

  /** Below a millionth of a step is floating-point noise, not demand. */
  private static final double NOISE = 1e-6;

  private Steps() {}

  /** {@code cores} rounded up to a multiple of 50m, at least 50m. */
  static double cpu(double cores) {
    double steps = Math.ceil(cores * 1000 / CPU_STEP_MILLICORES - NOISE);
    return Math.max(1, steps) * CPU_STEP_MILLICORES / 1000.0;
  }

  /** {@code bytes} rounded up to a multiple of 16 MiB, at least 16 MiB, at most {@code ceiling}. */
  static long memory(double bytes, long ceiling) {
    if (bytes >= ceiling) {
      return ceiling;
    }
    double steps = Math.ceil(bytes / MEMORY_STEP_BYTES - NOISE);
    return Math.min(ceiling, (long) Math.max(1, steps) * MEMORY_STEP_BYTES);
  }
}
