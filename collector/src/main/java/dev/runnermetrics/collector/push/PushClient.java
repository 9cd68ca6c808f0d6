package dev.runnermetrics.collector.push;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.scope.ScopeHeaders;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * POSTs the summary to the receiver.
 *
 * <p>Retries on connection errors, 5xx and 429 with exponential backoff (250 ms doubling up to 5 s)
 * and jitter (each wait is drawn from [½·d, d]), honouring {@code Retry-After} in seconds, until
 * the push timeout is spent. A 404 that is not the receiver's own problem+json answer is retried
 * too: it comes from a server that is up but has not deployed the receiver yet (Payara Micro while
 * it starts, a proxy before its backend). Any other 4xx is final: sending the same body again will
 * not help. Every attempt carries the same {@code Idempotency-Key}, so the receiver stores the run
 * once.
 */
public final class PushClient {
  private static final Logger LOG = System.getLogger(PushClient.class.getName());
  static final long INITIAL_BACKOFF_NANOS = 250_000_000L;
  static final long MAX_BACKOFF_NANOS = 5_000_000_000L;

  /** Time kept for one last attempt before the push timeout. */
  static final long LAST_ATTEMPT_NANOS = 100_000_000L;

  private static final Duration MAX_ATTEMPT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final Optional<String> token;
  private final Duration timeout;
  private final HttpClient http;
  private final LongSupplier nanoClock;
  private final Sleeper sleeper;
  private final String userAgent;

  /** Waits between attempts; a test seam, so that no test measures the wall clock. */
  @FunctionalInterface
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  public PushClient(URI endpoint, Optional<String> token, Duration timeout, String version) {
    this(
        endpoint,
        token,
        timeout,
        System::nanoTime,
        nanos -> Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000)),
        version);
  }

  PushClient(
      URI endpoint,
      Optional<String> token,
      Duration timeout,
      LongSupplier nanoClock,
      Sleeper sleeper,
      String version) {
    this.endpoint = endpoint;
    this.sleeper = sleeper;
    this.token = token;
    this.timeout = timeout;
    this.nanoClock = nanoClock;
    this.userAgent = "runner-metrics-collector/" + version;
    this.http =
        HttpClient.newBuilder()
            // One plain HTTP/1.1 request: no h2c upgrade offer, which costs a round of protocol
            // switching for one push and takes the receiver's slower HTTP/2 read path.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(min(timeout, Duration.ofSeconds(5)))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /**
   * Sends {@code json}, the push request of {@code scope}, until it is delivered, refused or the
   * push timeout is spent. The scope also goes in {@link ScopeHeaders}, so that the receiver can
   * refuse a wrong token before it reads the body.
   */
  public PushOutcome push(byte[] json, String idempotencyKey, Scope scope) {
    Map<String, String> scopeHeaders = ScopeHeaders.of(scope);
    long deadline = nanoClock.getAsLong() + timeout.toNanos();
    long backoff = INITIAL_BACKOFF_NANOS;
    int attempts = 0;
    int status = 0;
    String detail = "";
    while (true) {
      long remaining = deadline - nanoClock.getAsLong();
      if (remaining <= 0) {
        return new PushOutcome(
            false,
            attempts,
            status,
            "push timeout of " + timeout.toMillis() + " ms spent: " + detail);
      }
      attempts++;
      long retryAfterNanos = -1;
      try {
        HttpRequest.Builder request =
            HttpRequest.newBuilder(endpoint)
                .timeout(min(Duration.ofNanos(remaining), MAX_ATTEMPT))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", userAgent)
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        scopeHeaders.forEach(request::header);
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        HttpResponse<byte[]> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        status = response.statusCode();
        if (status >= 200 && status < 300) {
          LOG.log(
              Level.INFO,
              "summary delivered to {0}: HTTP {1} after {2} attempt(s)",
              endpoint,
              status,
              attempts);
          return new PushOutcome(true, attempts, status, "HTTP " + status);
        }
        detail = "HTTP " + status + " " + bodyStart(response.body());
        if (!retryable(status, response.headers().firstValue("Content-Type"))) {
          LOG.log(Level.ERROR, "receiver refused the summary, not retrying: {0}", detail);
          return new PushOutcome(false, attempts, status, detail);
        }
        retryAfterNanos =
            response.headers().firstValue("Retry-After").flatMap(PushClient::seconds).orElse(-1L);
      } catch (IOException e) {
        status = 0;
        detail =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new PushOutcome(false, attempts, status, "interrupted: " + detail);
      }
      long wait = ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1);
      if (retryAfterNanos >= 0) {
        wait = Math.max(wait, retryAfterNanos);
      }
      remaining = deadline - nanoClock.getAsLong();
      if (remaining <= LAST_ATTEMPT_NANOS) {
        return new PushOutcome(
            false,
            attempts,
            status,
            "push timeout of " + timeout.toMillis() + " ms spent: " + detail);
      }
      // Never sleep past the deadline: the last attempt goes out just before it.
      wait = Math.min(wait, remaining - LAST_ATTEMPT_NANOS);
      LOG.log(
          Level.WARNING,
          "push attempt {0} failed ({1}); retrying in {2} ms",
          attempts,
          detail,
          wait / 1_000_000);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new PushOutcome(false, attempts, status, "interrupted: " + detail);
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
    }
  }

  /** Whether an answer with {@code status} may succeed if the same request is sent later. */
  static boolean retryable(int status, Optional<String> contentType) {
    if (status == 404) {
      return contentType.map(t -> !t.startsWith("application/problem+json")).orElse(true);
    }
    return status == 408 || status == 429 || status >= 500;
  }

  private static Optional<Long> seconds(String retryAfter) {
    try {
      long s = Long.parseLong(retryAfter.trim());
      return s >= 0 ? Optional.of(s * 1_000_000_000L) : Optional.empty();
    } catch (NumberFormatException httpDate) {
      return Optional.empty();
    }
  }

  private static String bodyStart(byte[] body) {
    String s =
        new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8).replace('\n', ' ');
    return s.isEmpty() ? "" : "(" + s + ")";
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
