package dev.runnermetrics.common.summary;

/** Size limits of the contract, in one place so that docs, validation and tests agree. */
public final class Limits {

  /** Matches text without C0/C1 control characters (newline, tab, DEL, U+0080–U+009F…). */
  public static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}\\u0080-\\u009F]*";

  /** At most this many containers in one summary. */
  public static final int MAX_CONTAINERS = 1000;

  /** At most this many processes in each top list of one summary. */
  public static final int MAX_TOP_PROCESSES = 1000;

  /** At most this many points in each timeline series. */
  public static final int MAX_TIMELINE_POINTS = 300;

  /** At most this many processes named as OOM victims per container. */
  public static final int MAX_OOM_VICTIMS = 100;

  /** The largest request body the receiver accepts. */
  public static final int MAX_BODY_BYTES = 1 << 20;

  private Limits() {}
}
