package dev.runnermetrics.systemtests.workload;

/** Holds {@code args[0]} MiB resident (every page written) until killed; then prints ready. */
public final class Hold {

  private static final int PAGE = 4096;

  private Hold() {}

  public static void main(String[] args) throws InterruptedException {
    int mib = Integer.parseInt(args[0]);
    byte[][] chunks = new byte[mib][];
    for (int i = 0; i < mib; i++) {
      chunks[i] = new byte[1 << 20];
      for (int p = 0; p < chunks[i].length; p += PAGE) {
        chunks[i][p] = 1;
      }
    }
    System.out.println("ready");
    System.out.flush();
    while (chunks.length > 0) {
      Thread.sleep(60_000);
    }
  }
}
