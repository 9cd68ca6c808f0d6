package dev.runnermetrics.collector.it;

/**
 * A workload for tests, run in its own JVM: {@code spin SECONDS} keeps one core busy, {@code hold
 * MIB DELAY_MS SECONDS} waits, then keeps MIB mebibytes resident (off-heap).
 */
public final class Child {
  private Child() {}

  @SuppressWarnings("unused")
  private static volatile Object keep;

  public static void main(String[] args) throws InterruptedException {
    switch (args[0]) {
      case "spin" -> {
        long end = System.nanoTime() + (long) (Double.parseDouble(args[1]) * 1e9);
        long x = 0;
        System.out.println("spinning");
        System.out.flush();
        while (System.nanoTime() < end) {
          x += x * 31 + 7;
        }
        keep = x;
      }
      case "hold" -> {
        int mib = Integer.parseInt(args[1]);
        Thread.sleep(Long.parseLong(args[2]));
        // Off-heap, so the figure is not blurred by heap sizing and GC copies; allocateDirect
        // zeroes the memory, which touches every page and makes it resident.
        java.nio.ByteBuffer block = java.nio.ByteBuffer.allocateDirect(mib << 20);
        keep = block;
        System.out.println("holding");
        System.out.flush();
        Thread.sleep((long) (Double.parseDouble(args[3]) * 1000));
      }
      default -> throw new IllegalArgumentException(args[0]);
    }
  }
}
