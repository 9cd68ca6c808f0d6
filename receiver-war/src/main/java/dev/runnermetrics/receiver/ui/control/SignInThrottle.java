package dev.runnermetrics.receiver.ui.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down guessing of the read token: per client address, the first {@link #FREE_FAILURES}
 * failed sign-ins cost nothing, then each further attempt must wait twice as long as the one before
 * (1 s, 2 s, 4 s … up to {@link #MAX_WAIT}) after the last failure. An attempt that comes too early
 * is refused without checking the token, so the wait bounds the guessing rate without holding a
 * thread. A success clears the address; an address quiet for {@link #FORGET_AFTER} is forgotten. At
 * most {@link #MAX_ADDRESSES} addresses are kept (the least recently seen are dropped), so memory
 * stays bounded whatever the number of clients.
 */
@ApplicationScoped
public class SignInThrottle {

  /** Failed attempts per address before waits start. */
  public static final int FREE_FAILURES = 3;

  /** The longest wait between two attempts. */
  public static final Duration MAX_WAIT = Duration.ofMinutes(5);

  /** How long an address's failures are remembered after its last one. */
  public static final Duration FORGET_AFTER = Duration.ofMinutes(15);

  /** The most addresses remembered at once. */
  public static final int MAX_ADDRESSES = 10_000;

  private record Failures(int count, Instant last) {}

  /** Test seam: the clock the waits are measured on. */
  Clock clock = Clock.systemUTC();

  private final Map<String, Failures> failures =
      new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };

  /**
   * How long {@code address} must still wait before its next attempt; empty when it may try now.
   */
  public synchronized Optional<Duration> waitBeforeAttempt(String address) {
    Failures seen = current(address);
    if (seen == null || seen.count() < FREE_FAILURES) {
      return Optional.empty();
    }
    Instant allowed = seen.last().plus(waitAfter(seen.count()));
    Instant now = clock.instant();
    return now.isBefore(allowed) ? Optional.of(Duration.between(now, allowed)) : Optional.empty();
  }

  /** Records a failed attempt of {@code address}. */
  public synchronized void failed(String address) {
    Failures seen = current(address);
    int count = seen == null ? 1 : seen.count() + 1;
    failures.put(address, new Failures(count, clock.instant()));
  }

  /** Forgets the failures of {@code address} after a successful sign-in. */
  public synchronized void succeeded(String address) {
    failures.remove(address);
  }

  /** How many addresses are remembered now. */
  public synchronized int size() {
    return failures.size();
  }

  /** The wait after the {@code count}-th failure: none up to the free ones, then 1 s doubling. */
  static Duration waitAfter(int count) {
    if (count < FREE_FAILURES) {
      return Duration.ZERO;
    }
    int doublings = Math.min(count - FREE_FAILURES, 30);
    Duration wait = Duration.ofSeconds(1L << doublings);
    return wait.compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait;
  }

  private Failures current(String address) {
    Failures seen = failures.get(address);
    if (seen != null && !clock.instant().isBefore(seen.last().plus(FORGET_AFTER))) {
      failures.remove(address);
      return null;
    }
    return seen;
  }
}
