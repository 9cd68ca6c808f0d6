package dev.runnermetrics.receiver.sizing.control;

/**
 * Advice in Kubernetes quantity notation, exact and readable: CPU in whole cores ({@code 2}) or
 * millicores ({@code 1250m}, rounded up to a whole millicore), memory in {@code Gi} or {@code Mi}
 * when it divides evenly, else in bytes. {@code Quantities} in ee-common reads every form back.
 */
public final class QuantityFormat {

  private static final long MIB = 1024L * 1024;
  private static final long GIB = 1024 * MIB;

  private QuantityFormat() {}

  /** {@code 2.0} → {@code 2}, {@code 1.25} → {@code 1250m}. */
  public static String cpu(double cores) {
    long millicores = (long) Math.ceil(cores * 1000 - 1e-6);
    return millicores % 1000 == 0 ? Long.toString(millicores / 1000) : millicores + "m";
  }

  /** {@code 2147483648} → {@code 2Gi}, {@code 1610612736} → {@code 1536Mi}. */
  public static String memory(long bytes) {
    if (bytes > 0 && bytes % GIB == 0) {
      return bytes / GIB + "Gi";
    }
    if (bytes > 0 && bytes % MIB == 0) {
      return bytes / MIB + "Mi";
    }
    return Long.toString(bytes);
  }
}
