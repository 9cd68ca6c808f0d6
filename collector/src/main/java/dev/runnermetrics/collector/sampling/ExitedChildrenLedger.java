package dev.runnermetrics.collector.sampling;

import java.util.Map;

/**
 * Pipeline step: the CPU of children that exited between two ticks, found in their parents'
 * cutime+cstime. When a child is reaped, its whole CPU lands there; what was already seen of the
 * vanished children (their last-read totals) is credited to the live process that reaped them, so
 * only the rest is new. The rules are in docs/accounting.md.
 */
final class ExitedChildrenLedger {
  private static final String MIXED = "\0mixed";
  private static final int MAX_ANCESTOR_WALK = 64;

  private ExitedChildrenLedger() {}

  /**
   * Credits each vanished process's last-seen total to the live process that reaped it: its parent,
   * or, when the parent vanished too, the nearest live ancestor. Only a process seen at the
   * previous tick can be that parent (a pid seen now for the first time belongs to someone else).
   */
  static void credit(
      Map<Integer, Vanished> vanished, Map<Integer, LiveProcess> live, long generation) {
    for (Vanished v : vanished.values()) {
      int parent = v.ppid();
      for (int depth = 0; depth < MAX_ANCESTOR_WALK && parent > 0; depth++) {
        Vanished up = vanished.get(parent);
        if (up != null) {
          parent = up.ppid();
          continue;
        }
        LiveProcess target = live.get(parent);
        if (target != null && target.seen == generation && target.continuing) {
          target.credit += v.totalTicks();
          if (target.childContainer == null) {
            target.childContainer = v.container();
          } else if (!target.childContainer.equals(v.container())) {
            target.childContainer = MIXED;
          }
        }
        break;
      }
    }
  }

  /**
   * The CPU of exited children that is new in this tick: the growth of cutime+cstime minus what was
   * already seen of the children that vanished. Unmatched credit waits one tick.
   */
  static long newlyExited(LiveProcess k, long childDelta, boolean childKnown) {
    if (!childKnown) {
      k.carry = k.credit;
      return 0;
    }
    long credit = k.credit + k.carry;
    long remaining = credit - childDelta;
    k.carry = remaining > 0 ? Math.min(remaining, k.credit) : 0;
    return Math.max(0, childDelta - credit);
  }

  /** Where the newly exited CPU goes: the children's container when they all ran in one. */
  static String containerFor(LiveProcess k, String parentContainer) {
    return k.childContainer == null || MIXED.equals(k.childContainer)
        ? parentContainer
        : k.childContainer;
  }
}
