package dev.runnermetrics.receiver.web.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What reading a push body may cost: the whole body must arrive within {@value #BODY_TIMEOUT_MS}
 * milliseconds, and at most {@value #MAX_BODY_READS} bodies are read at once, so that clients who
 * send a body slowly, or never, can neither hold the receiver's threads nor pile up without bound.
 */
@ApplicationScoped
public class BodyReads {

  /** The setting for the longest a whole body may take to arrive, in milliseconds. */
  public static final String BODY_TIMEOUT_MS = "receiver.body-timeout-ms";

  /** The setting for the most bodies read at the same time. */
  public static final String MAX_BODY_READS = "receiver.max-body-reads";

  static final long DEFAULT_TIMEOUT_MS = 10_000;
  static final long MAX_TIMEOUT_MS = 3_600_000;
  static final int DEFAULT_MAX_READS = 32;
  static final int MAX_MAX_READS = 100_000;

  @Inject
  @ConfigProperty(name = BODY_TIMEOUT_MS)
  Optional<String> bodyTimeoutMs;

  @Inject
  @ConfigProperty(name = MAX_BODY_READS)
  Optional<String> maxBodyReads;

  private long timeoutMillis = DEFAULT_TIMEOUT_MS;
  private int maxReads = DEFAULT_MAX_READS;
  private Semaphore reads;
  private final List<String> invalid = new ArrayList<>();

  @PostConstruct
  void init() {
    timeoutMillis =
        parse(BODY_TIMEOUT_MS, bodyTimeoutMs, DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS, "milliseconds");
    maxReads = (int) parse(MAX_BODY_READS, maxBodyReads, DEFAULT_MAX_READS, MAX_MAX_READS, "reads");
    reads = new Semaphore(maxReads);
  }

  /** Why a setting cannot be used (its name and the accepted range), if so. */
  public Optional<String> invalidSetting() {
    return invalid.stream().findFirst();
  }

  /** The longest a whole body may take to arrive. */
  public long timeoutMillis() {
    return timeoutMillis;
  }

  /** The most bodies read at the same time. */
  public int maxReads() {
    return maxReads;
  }

  /** Takes one of the read slots, without waiting; false when all are taken. */
  public boolean tryStart() {
    return reads.tryAcquire();
  }

  /** Gives back a slot taken by {@link #tryStart}. */
  public void finished() {
    reads.release();
  }

  private long parse(String name, Optional<String> value, long fallback, long max, String unit) {
    if (value.isEmpty()) {
      return fallback;
    }
    String text = value.get().strip();
    try {
      long parsed = Long.parseLong(text);
      if (parsed >= 1 && parsed <= max && text.chars().allMatch(Character::isDigit)) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    invalid.add(name + " must be a whole number of " + unit + " from 1 to " + max);
    return fallback;
  }
}
