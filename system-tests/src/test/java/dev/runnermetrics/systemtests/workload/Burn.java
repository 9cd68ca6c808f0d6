package dev.runnermetrics.systemtests.workload;

/** Keeps one core busy until killed; prints {@code ready} once it spins. */
public final class Burn {

  private Burn() {}

  public static void main(String[] args) {
    System.out.println("ready");
    System.out.flush();
    long x = 0;
    while (x != -1) {
      x = x * 6364136223846793005L + 1442695040888963407L;
    }
  }
}
