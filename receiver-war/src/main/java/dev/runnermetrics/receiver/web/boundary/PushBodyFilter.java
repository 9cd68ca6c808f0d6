package dev.runnermetrics.receiver.web.boundary;

import dev.runnermetrics.common.summary.Limits;
import dev.runnermetrics.receiver.auth.boundary.PushTokenFilter;
import dev.runnermetrics.receiver.operations.control.OperationsMetrics;
import dev.runnermetrics.receiver.problems.entity.Problem;
import dev.runnermetrics.receiver.problems.entity.ProblemException;
import dev.runnermetrics.receiver.web.control.BodyReads;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Bounds what a push costs before it is known to be genuine. In order: the token is checked ({@link
 * PushTokenFilter#refusalBeforeBody}, against the scope headers when the collector sends them), a
 * declared length over the limit is refused, then the body is read only if one of the {@link
 * BodyReads} slots is free (else an immediate 503 with {@code Retry-After: 1}). A body that has
 * already arrived whole with the head (a push from a nearby collector usually has) is taken at once
 * and goes on to JAX-RS in this request. Any other is read with the Servlet non-blocking read: no
 * request thread waits for a slow client, and a body that is not complete within the deadline gets
 * a 408 and a closed connection; the complete body then goes on to JAX-RS by an async dispatch, as
 * if read there. A client that disconnects mid-body costs one FINE line.
 */
@WebFilter(
    urlPatterns = "/api/v1/metrics",
    asyncSupported = true,
    dispatcherTypes = {DispatcherType.REQUEST, DispatcherType.ASYNC})
public class PushBodyFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  private static final Logger LOG = Logger.getLogger(PushBodyFilter.class.getName());

  /** The request attribute that carries a body read here to its async dispatch. */
  static final String BODY = PushBodyFilter.class.getName() + ".body";

  @Inject transient PushTokenFilter tokens;

  @Inject transient BodyReads reads;

  @Inject transient OperationsMetrics metrics;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getDispatcherType() == DispatcherType.ASYNC
        && request.getAttribute(BODY) instanceof byte[] body) {
      request.removeAttribute(BODY);
      ResponseHeadersFilter.apply(request, response);
      chain.doFilter(new ReadBodyRequest(request, body), response);
      return;
    }
    if (request.getDispatcherType() != DispatcherType.REQUEST
        || !"POST".equals(request.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    long started = System.nanoTime();
    Optional<ProblemException> refusal =
        tokens.refusalBeforeBody(
            request.getHeader("Authorization"), name -> Collections.list(request.getHeaders(name)));
    if (refusal.isPresent()) {
      refuse(request, response, refusal.get(), started);
      return;
    }
    if (request.getContentLengthLong() > Limits.MAX_BODY_BYTES) {
      refuse(request, response, tooLarge(), started);
      return;
    }
    if (!reads.tryStart()) {
      refuse(
          request,
          response,
          new ProblemException(
              Problem.of(
                  503,
                  "the receiver is reading as many request bodies as it may ("
                      + reads.maxReads()
                      + "); retry in a second"),
              Map.of("Retry-After", "1")),
          started);
      return;
    }
    if (notPlainHttp11(request)) {
      // Grizzly's HTTP/2 streams (a client that offered h2c: the JDK client by default) and the
      // Servlet non-blocking read do not mix: Http2ServerFilter lost the stream and dropped the
      // connection mid-push. Such a push is read the blocking way, by JAX-RS's reader with the same
      // deadline, and still holds its slot meanwhile; it has passed the token check already.
      try {
        chain.doFilter(request, response);
      } finally {
        reads.finished();
      }
      return;
    }
    long declared = request.getContentLengthLong();
    ServletInputStream arrived = request.getInputStream();
    if (declared > 0 && arrived.available() >= declared) {
      // Nothing to wait for, so no async cycle: an async dispatch from the read callback, while
      // this thread was still leaving the container, was now and then run twice by Payara (the
      // second run read a spent body and wrote a 400 into the committed answer).
      byte[] body;
      try {
        body = arrived.readNBytes((int) declared);
      } finally {
        reads.finished();
      }
      chain.doFilter(new ReadBodyRequest(request, body), response);
      return;
    }
    AsyncContext async = request.startAsync();
    Read read = new Read(async, request, response, started);
    async.setTimeout(reads.timeoutMillis());
    async.addListener(read);
    try {
      request.getInputStream().setReadListener(read);
    } catch (RuntimeException | IOException e) {
      read.onError(e);
    }
  }

  /** Reads one body without blocking; the first of its outcomes wins, the others do nothing. */
  private final class Read implements ReadListener, AsyncListener {

    private final AsyncContext async;
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final long started;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[8192];
    private final AtomicBoolean settled = new AtomicBoolean();

    Read(
        AsyncContext async,
        HttpServletRequest request,
        HttpServletResponse response,
        long started) {
      this.async = async;
      this.request = request;
      this.response = response;
      this.started = started;
    }

    @Override
    public void onDataAvailable() throws IOException {
      ServletInputStream in = request.getInputStream();
      while (!settled.get() && in.isReady()) {
        int n = in.read(buffer);
        if (n < 0) {
          return;
        }
        body.write(buffer, 0, n);
        if (body.size() > Limits.MAX_BODY_BYTES) {
          answer(tooLarge());
          return;
        }
      }
    }

    @Override
    public void onAllDataRead() {
      if (settle()) {
        request.setAttribute(BODY, body.toByteArray());
        async.dispatch();
      }
    }

    @Override
    public void onError(Throwable t) {
      if (settle()) {
        LOG.fine(() -> "a push body ended early (" + t.getClass().getSimpleName() + ")");
        complete();
      }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
      answer(
          new ProblemException(
              Problem.of(
                  408, "the request body did not arrive within " + reads.timeoutMillis() + " ms")));
    }

    @Override
    public void onError(AsyncEvent event) {
      onError(event.getThrowable() == null ? new IOException("closed") : event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {
      settle();
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
      // not started again
    }

    /** Answers with {@code refusal} and closes the connection, unless already settled. */
    private void answer(ProblemException refusal) {
      if (settle()) {
        try {
          refuse(request, response, refusal, started);
        } catch (IOException | RuntimeException gone) {
          LOG.fine(() -> "could not answer a push: " + gone.getClass().getSimpleName());
        }
        complete();
      }
    }

    private void complete() {
      try {
        async.complete();
      } catch (IllegalStateException alreadyDone) {
        // the container completed it first (the client went away)
      }
    }

    /** Marks the read as decided and frees its slot; true only for the first caller. */
    private boolean settle() {
      if (settled.compareAndSet(false, true)) {
        reads.finished();
        return true;
      }
      return false;
    }
  }

  /** An HTTP/2 stream, or an HTTP/1.1 request that offers to switch protocols (h2c). */
  private static boolean notPlainHttp11(HttpServletRequest request) {
    return request.getHeader("Upgrade") != null || !request.getProtocol().startsWith("HTTP/1.");
  }

  private static ProblemException tooLarge() {
    return new ProblemException(
        Problem.of(413, "the request body is larger than " + Limits.MAX_BODY_BYTES + " bytes"));
  }

  /**
   * Writes {@code refusal} as problem+json and asks for the connection to be closed: the body has
   * not been (fully) read, and reading the rest would cost what this filter saves.
   */
  private void refuse(
      HttpServletRequest request,
      HttpServletResponse response,
      ProblemException refusal,
      long started)
      throws IOException {
    int status = refusal.problem().status();
    byte[] text = refusal.problem().toJson().getBytes(StandardCharsets.UTF_8);
    ResponseHeadersFilter.apply(request, response);
    response.setStatus(status);
    refusal.headers().forEach(response::setHeader);
    response.setHeader("Connection", "close");
    response.setContentType(Problem.MEDIA_TYPE);
    response.setContentLength(text.length);
    response.getOutputStream().write(text);
    response.flushBuffer();
    if (status == 401) {
      metrics.authFailed();
    }
    metrics.pushRefused(status, Duration.ofNanos(System.nanoTime() - started));
  }
}
