import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Closed-loop ingest benchmark for the receiver's {@code POST /api/v1/metrics} (issue 6, item 1).
 *
 * <p>Single-file Java 17 program, JDK classes only: {@code java bench/IngestBench.java --help}.
 *
 * <p>For each client count it starts that many threads; each one pushes a realistic run summary
 * (~4 KB: 10 containers, top 10 processes by CPU and by memory, every stats object with peak, avg,
 * p50, p75, p95, p99), waits for the answer and pushes the next one, for a warm-up period
 * (discarded) and then for the measured period. Every push has its own run_id and
 * Idempotency-Key, so every push is a new row. It prints one table row per client count and a
 * machine-readable {@code RESULT} line for scripts.
 *
 * <p>Bounded: every level stops after its time or after {@code --max-requests}, whichever comes
 * first; every request has a timeout; only loopback URLs are accepted.
 */
public final class IngestBench {

  private static final String USAGE =
      """
      usage: java bench/IngestBench.java --url=http://127.0.0.1:PORT (--read-token=T | --push=TOKEN@ORG,REPO,WORKFLOW,JOB ...) [options]

        --url=URL             receiver base URL (loopback only), e.g. http://127.0.0.1:8080
        --read-token=T        mint push tokens for --jobs scopes through POST /api/v1/token
                              (default: env RECEIVER_READ_TOKEN, which keeps it out of `ps`)
        --jobs=N              number of scopes (jobs) pushed to when minting (default 32);
                              client i pushes to scope i mod N
        --org=, --repo=, --workflow=
                              scope used when minting (default bench-org, bench-repo, ci.yml);
                              jobs are named job-0, job-1, …
        --push=TOKEN@ORG,REPO,WORKFLOW,JOB
                              a ready push token and its scope (repeatable; instead of minting)
        --clients=1,4,8,32    client counts, one level each (default 1,4,8,32)
        --duration=15         measured seconds per level (default 15)
        --warmup=3            warm-up seconds per level, not measured (default 3)
        --first-warmup=S      warm-up seconds of the first level (default: --warmup); the
                              receiver's JIT needs about a minute and a half of load on 2 cores
        --max-requests=N      hard cap of pushes per level (default 2000000)
        --timeout=10          per-request timeout in seconds (default 10)
        --client=raw          raw: one keep-alive socket per client thread, the request bytes
                              written as they are (default; ~0.05 ms of CPU per push, so the
                              load generator leaves the cores to the receiver); jdk: the JDK's
                              java.net.http.HttpClient (~0.5-1 ms of CPU per push)
        --containers=10, --top=10
                              shape of the generated summary (default 10 and 10)
        --write-samples=FILE  only write --samples payload JSON objects (one per line) and exit;
                              SqliteBaseline stores exactly these
        --samples=N           number of distinct payloads generated (default 256)
        --seed=N              random seed for the payloads (default 42)
        --server-pid=PID      also report the receiver's CPU per push (Linux /proc; the receiver's
                              JVM must run on this machine)
        --clk-tck=100         kernel clock ticks per second for --server-pid (getconf CLK_TCK)
      """;

  public static void main(String[] args) throws Exception {
    Map<String, List<String>> opts = parse(args);
    if (opts.containsKey("help") || opts.containsKey("h")) {
      System.out.print(USAGE);
      return;
    }
    int samples = intOpt(opts, "samples", 256);
    int containers = intOpt(opts, "containers", 10);
    int top = intOpt(opts, "top", 10);
    long seed = Long.parseLong(opt(opts, "seed", "42"));
    List<String> payloads = Payloads.generate(samples, containers, top, seed);

    if (opts.containsKey("write-samples")) {
      Path file = Path.of(opt(opts, "write-samples", null));
      Files.write(file, payloads, StandardCharsets.UTF_8);
      System.err.printf(
          Locale.ROOT,
          "wrote %d payloads, avg %d bytes, to %s%n",
          payloads.size(),
          avgBytes(payloads),
          file);
      return;
    }

    String url = opt(opts, "url", null);
    if (url == null) {
      System.err.print(USAGE);
      System.exit(2);
    }
    URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    requireLoopback(base);
    int[] clientCounts =
        Arrays.stream(opt(opts, "clients", "1,4,8,32").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .mapToInt(Integer::parseInt)
            .toArray();
    for (int c : clientCounts) {
      if (c < 1 || c > 512) {
        throw new IllegalArgumentException("client count must be 1..512: " + c);
      }
    }
    double duration = Double.parseDouble(opt(opts, "duration", "15"));
    double warmup = Double.parseDouble(opt(opts, "warmup", "3"));
    double firstWarmup = Double.parseDouble(opt(opts, "first-warmup", Double.toString(warmup)));
    long maxRequests = Long.parseLong(opt(opts, "max-requests", "2000000"));
    Duration timeout = Duration.ofMillis((long) (Double.parseDouble(opt(opts, "timeout", "10")) * 1000));
    String client = opt(opts, "client", "raw");
    if (!client.equals("raw") && !client.equals("jdk")) {
      throw new IllegalArgumentException("--client must be raw or jdk: " + client);
    }
    if (duration <= 0
        || duration > 3600
        || warmup < 0
        || warmup > 600
        || firstWarmup < 0
        || firstWarmup > 600) {
      throw new IllegalArgumentException(
          "duration must be (0, 3600] s, warmup and first-warmup [0, 600] s");
    }

    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    List<Target> targets = new ArrayList<>();
    for (String push : opts.getOrDefault("push", List.of())) {
      targets.add(Target.parse(push));
    }
    if (targets.isEmpty()) {
      String readToken = opt(opts, "read-token", System.getenv("RECEIVER_READ_TOKEN"));
      if (readToken == null) {
        System.err.println("need --read-token=… or at least one --push=TOKEN@ORG,REPO,WORKFLOW,JOB");
        System.exit(2);
      }
      int jobs = intOpt(opts, "jobs", 32);
      if (jobs < 1 || jobs > 10_000) {
        throw new IllegalArgumentException("--jobs must be 1..10000");
      }
      String org = opt(opts, "org", "bench-org");
      String repo = opt(opts, "repo", "bench-repo");
      String workflow = opt(opts, "workflow", "ci.yml");
      for (int j = 0; j < jobs; j++) {
        targets.add(Target.mint(http, base, readToken, org, repo, workflow, "job-" + j, timeout));
      }
    }

    // Per scope and payload variant, the body is prefix + run_id + suffix: building a push costs
    // one small concatenation, so the client spends its CPU on HTTP, not on JSON.
    List<Bodies> bodies = new ArrayList<>();
    for (Target t : targets) {
      bodies.add(new Bodies(t, payloads));
    }
    int bodyBytes = bodies.get(0).prefixes[0].length() + bodies.get(0).suffixes[0].length() + 40;

    PrintStream out = System.out;
    out.printf(
        Locale.ROOT,
        "# IngestBench: %s/api/v1/metrics, %d scope(s), body ~%d bytes (%d payload variants),"
            + " warm-up %.1f s (first level %.1f s) + measured %.1f s per level, %s client,"
            + " %d cores%n",
        base,
        targets.size(),
        bodyBytes,
        payloads.size(),
        warmup,
        firstWarmup,
        duration,
        client,
        Runtime.getRuntime().availableProcessors());
    out.printf(
        Locale.ROOT,
        "%7s %10s %9s %9s %9s %9s %8s %11s %11s  %s%n",
        "clients",
        "pushes/s",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "ok",
        "srv cpu ms",
        "cli cpu ms",
        "errors");
    String runNonce = Long.toString(System.currentTimeMillis(), 36);
    CpuMeter cpu =
        new CpuMeter(
            opts.containsKey("server-pid") ? Long.parseLong(opt(opts, "server-pid", "0")) : 0,
            intOpt(opts, "clk-tck", 100));
    for (int i = 0; i < clientCounts.length; i++) {
      int clients = clientCounts[i];
      Level level =
          runLevel(
              client.equals("raw") ? null : http,
              base,
              bodies,
              clients,
              i == 0 ? firstWarmup : warmup,
              duration,
              maxRequests,
              timeout,
              runNonce,
              cpu);
      out.printf(
          Locale.ROOT,
          "%7d %10.1f %9.2f %9.2f %9.2f %9.2f %8d %11.2f %11.2f  %s%n",
          clients,
          level.rate(),
          level.percentileMs(50),
          level.percentileMs(90),
          level.percentileMs(99),
          level.maxMs(),
          level.ok,
          level.serverCpuMsPerPush,
          level.clientCpuMsPerPush,
          (level.errors.isEmpty() ? "0" : level.errors.toString())
              + (level.warmupErrors.isEmpty() ? "" : ", warm-up " + level.warmupErrors));
      out.printf(
          Locale.ROOT,
          "RESULT clients=%d pushes_per_s=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f"
              + " ok=%d errors=%d warmup_ok=%d warmup_errors=%d seconds=%.2f"
              + " client_cpu_ms_per_push=%.2f"
              + " client_cores=%.2f server_cpu_ms_per_push=%.2f server_cores=%.2f%n",
          clients,
          level.rate(),
          level.percentileMs(50),
          level.percentileMs(90),
          level.percentileMs(99),
          level.maxMs(),
          level.ok,
          level.errorCount(),
          level.warmupOk,
          level.warmupErrors.values().stream().mapToLong(Long::longValue).sum(),
          level.seconds,
          level.clientCpuMsPerPush,
          level.clientCores,
          level.serverCpuMsPerPush,
          level.serverCores);
      out.flush();
    }
  }

  /** One client-count level: warm-up, then the measured window. */
  static Level runLevel(
      HttpClient http,
      URI base,
      List<Bodies> bodies,
      int clients,
      double warmupSeconds,
      double durationSeconds,
      long maxRequests,
      Duration timeout,
      String runNonce,
      CpuMeter cpu)
      throws InterruptedException {
    URI endpoint = URI.create(base + "/api/v1/metrics");
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmupSeconds * 1e9);
    long stopAt = measureFrom + (long) (durationSeconds * 1e9);
    AtomicLong issued = new AtomicLong();
    Worker[] workers = new Worker[clients];
    CountDownLatch done = new CountDownLatch(clients);
    for (int i = 0; i < clients; i++) {
      Bodies b = bodies.get(i % bodies.size());
      String runPrefix = "bench-" + runNonce + "-c" + clients + "-t" + i + "-";
      workers[i] =
          new Worker(http, endpoint, b, runPrefix, measureFrom, stopAt, maxRequests, issued, timeout, done);
    }
    for (Worker w : workers) {
      Thread t = new Thread(w, "push-" + clients + "-" + w.hashCode());
      t.setDaemon(true);
      t.start();
    }
    // CPU is counted over the measured window only: the warm-up's JIT compilation is not a push's.
    long untilMeasured = measureFrom - System.nanoTime();
    if (untilMeasured > 0) {
      Thread.sleep(untilMeasured / 1_000_000, (int) (untilMeasured % 1_000_000));
    }
    double[] cpuBefore = cpu.sample();
    long cpuFrom = System.nanoTime();
    // Bounded wait: the workers stop at stopAt; a stuck request ends at its timeout.
    long graceMs = (long) ((warmupSeconds + durationSeconds) * 1000) + timeout.toMillis() + 5000;
    if (!done.await(graceMs, java.util.concurrent.TimeUnit.MILLISECONDS)) {
      System.err.println("warning: some clients did not finish in time; their pushes are left out");
    }
    long measuredEnd = Math.min(System.nanoTime(), stopAt);
    double[] cpuAfter = cpu.sample();
    double wall = (System.nanoTime() - cpuFrom) / 1e9;
    Level level = new Level();
    // The window actually measured: up to the last completion when the request cap ended it early.
    long lastEnd = measureFrom;
    for (Worker w : workers) {
      level.ok += w.ok;
      level.warmupOk += w.warmupOk;
      w.warmupErrors.forEach((k, v) -> level.warmupErrors.merge(k, v, Long::sum));
      w.errors.forEach((k, v) -> level.errors.merge(k, v, Long::sum));
      level.addLatencies(w.latencies, w.count);
      lastEnd = Math.max(lastEnd, w.lastEnd);
    }
    long windowEnd = issued.get() >= maxRequests ? lastEnd : measuredEnd;
    level.seconds = Math.max(1e-9, (windowEnd - measureFrom) / 1e9);
    // CPU over the measured window ÷ the pushes started in it (the last ones end just after it).
    long pushes = Math.max(1, level.ok + level.errorCount());
    level.clientCpuMsPerPush = (cpuAfter[0] - cpuBefore[0]) * 1000 / pushes;
    level.clientCores = (cpuAfter[0] - cpuBefore[0]) / wall;
    if (cpuBefore[1] >= 0 && cpuAfter[1] >= 0) {
      level.serverCpuMsPerPush = (cpuAfter[1] - cpuBefore[1]) * 1000 / pushes;
      level.serverCores = (cpuAfter[1] - cpuBefore[1]) / wall;
    }
    return level;
  }

  /** One closed-loop client. */
  static final class Worker implements Runnable {
    final HttpClient http;
    final URI endpoint;
    final Bodies bodies;
    final String runPrefix;
    final long measureFrom;
    final long stopAt;
    final long maxRequests;
    final AtomicLong issued;
    final Duration timeout;
    final CountDownLatch done;
    long[] latencies = new long[4096];
    int count;
    long ok;
    long warmupOk;
    long lastEnd;
    final Map<String, Long> errors = new TreeMap<>();
    final Map<String, Long> warmupErrors = new TreeMap<>();

    Worker(
        HttpClient http,
        URI endpoint,
        Bodies bodies,
        String runPrefix,
        long measureFrom,
        long stopAt,
        long maxRequests,
        AtomicLong issued,
        Duration timeout,
        CountDownLatch done) {
      this.http = http;
      this.endpoint = endpoint;
      this.bodies = bodies;
      this.runPrefix = runPrefix;
      this.measureFrom = measureFrom;
      this.stopAt = stopAt;
      this.maxRequests = maxRequests;
      this.issued = issued;
      this.timeout = timeout;
      this.done = done;
    }

    /** Set when the worker speaks HTTP over its own socket instead of through {@link #http}. */
    RawPost raw;

    int jdkPost(String body, String key) throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(timeout)
              .header("Authorization", "Bearer " + bodies.target.token)
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", key)
              .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Override
    public void run() {
      if (http == null) {
        raw = new RawPost(endpoint, bodies.target.token, (int) timeout.toMillis());
      }
      try {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long seq = 0;
        while (true) {
          long now = System.nanoTime();
          if (now >= stopAt) {
            break;
          }
          boolean measured = now >= measureFrom;
          if (measured && issued.incrementAndGet() > maxRequests) {
            break;
          }
          int variant = rnd.nextInt(bodies.prefixes.length);
          String body = bodies.prefixes[variant] + runPrefix + (seq++) + bodies.suffixes[variant];
          UUID key = new UUID(rnd.nextLong() & ~0xF000L | 0x4000L, rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
          long t0 = System.nanoTime();
          String outcome;
          try {
            int status = raw != null ? raw.post(body, key.toString()) : jdkPost(body, key.toString());
            outcome = status >= 200 && status < 300 ? null : "HTTP " + status;
          } catch (IOException e) {
            outcome =
                e instanceof java.net.ProtocolException
                    ? e.getClass().getSimpleName() + " (" + e.getMessage() + ")"
                    : e.getClass().getSimpleName();
            if (raw != null) {
              raw.close();
            }
          }
          long t1 = System.nanoTime();
          if (t0 < measureFrom) {
            if (outcome == null) {
              warmupOk++;
            } else {
              warmupErrors.merge(outcome, 1L, Long::sum);
            }
            continue;
          }
          // A push that started inside the window and ended after it still counts (no bias
          // towards short requests); the rate divides by the window, so at most one push per
          // client is gained, which is negligible over seconds.
          lastEnd = Math.max(lastEnd, t1);
          if (outcome == null) {
            ok++;
            if (count == latencies.length) {
              latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = t1 - t0;
          } else {
            errors.merge(outcome, 1L, Long::sum);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        errors.merge(e.getClass().getSimpleName(), 1L, Long::sum);
      } finally {
        if (raw != null) {
          raw.close();
        }
        done.countDown();
      }
    }
  }

  /**
   * HTTP/1.1 POST over one keep-alive socket, the way a lean client (curl, Go's net/http) talks:
   * the head is formatted once per request into bytes, the answer's head is scanned for the
   * status, Content-Length, chunked encoding and Connection: close, and its body is read and
   * dropped. Reconnects after an error or a closed connection. Not a general client: enough for
   * the receiver's answers, and far cheaper than {@code java.net.http}, whose CPU per request
   * would otherwise be taken from the receiver on a small machine.
   */
  static final class RawPost {
    private final String host;
    private final int port;
    private final String headPrefix;
    private final int timeoutMillis;
    private final byte[] buffer = new byte[16 * 1024];
    private int start;
    private int end;
    private java.net.Socket socket;
    private java.io.InputStream in;
    private java.io.OutputStream out;

    RawPost(URI endpoint, String token, int timeoutMillis) {
      this.host = endpoint.getHost();
      this.port = endpoint.getPort();
      this.timeoutMillis = timeoutMillis;
      this.headPrefix =
          "POST "
              + endpoint.getRawPath()
              + " HTTP/1.1\r\nHost: "
              + host
              + ":"
              + port
              + "\r\nAuthorization: Bearer "
              + token
              + "\r\nContent-Type: application/json\r\nIdempotency-Key: ";
    }

    /** Sends one push and returns the answer's status code after reading the whole answer. */
    int post(String body, String idempotencyKey) throws IOException {
      byte[] content = body.getBytes(StandardCharsets.UTF_8);
      byte[] head =
          (headPrefix + idempotencyKey + "\r\nContent-Length: " + content.length + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
      if (socket == null) {
        socket = new java.net.Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new java.net.InetSocketAddress(host, port), 5000);
        socket.setSoTimeout(timeoutMillis);
        in = socket.getInputStream();
        out = new java.io.BufferedOutputStream(socket.getOutputStream(), 8192);
        start = end = 0;
      }
      out.write(head);
      out.write(content);
      out.flush();
      String statusLine = line();
      if (!statusLine.startsWith("HTTP/1.1 ") || statusLine.length() < 12) {
        throw new java.net.ProtocolException("bad status line: " + statusLine);
      }
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean close = false;
      for (String line = line(); !line.isEmpty(); line = line()) {
        int colon = line.indexOf(':');
        if (colon < 0) {
          continue;
        }
        String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).strip();
        switch (name) {
          case "content-length" -> length = Long.parseLong(value);
          case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
          case "connection" -> close = value.equalsIgnoreCase("close");
          default -> {}
        }
      }
      if (chunked) {
        for (long size = Long.parseLong(line().split(";", 2)[0].strip(), 16);
            size > 0;
            size = Long.parseLong(line().split(";", 2)[0].strip(), 16)) {
          skip(size);
          line();
        }
        for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
          // trailers are dropped
        }
      } else if (length >= 0) {
        skip(length);
      } else {
        close = true; // the body runs to the end of the connection: not kept alive
      }
      if (close) {
        close();
      }
      return status;
    }

    private boolean fill() throws IOException {
      if (start == end) {
        start = end = 0;
      }
      if (end == buffer.length) {
        System.arraycopy(buffer, start, buffer, 0, end - start);
        end -= start;
        start = 0;
      }
      int n = in.read(buffer, end, buffer.length - end);
      if (n < 0) {
        return false;
      }
      end += n;
      return true;
    }

    /** One CRLF-terminated line of the answer's head, without the CRLF. */
    private String line() throws IOException {
      int seen = 0; // bytes after start already known to hold no LF (fill() may move start)
      while (true) {
        for (int i = start + seen; i < end; i++) {
          if (buffer[i] == '\n') {
            int stop = i > start && buffer[i - 1] == '\r' ? i - 1 : i;
            String line = new String(buffer, start, stop - start, StandardCharsets.ISO_8859_1);
            start = i + 1;
            return line;
          }
        }
        seen = end - start;
        if (seen == buffer.length) {
          throw new java.net.ProtocolException("answer head line over " + buffer.length + " bytes");
        }
        if (!fill()) {
          throw new java.io.EOFException("connection closed in the answer's head");
        }
      }
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        if (start == end && !fill()) {
          throw new java.io.EOFException("connection closed in the answer's body");
        }
        int take = (int) Math.min(n, end - start);
        start += take;
        n -= take;
      }
    }

    void close() {
      if (socket != null) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // closing a socket that failed
        }
        socket = null;
      }
    }
  }

  /** Aggregated figures of one level; latencies of successful pushes only. */
  static final class Level {
    double clientCpuMsPerPush = Double.NaN;
    double clientCores = Double.NaN;
    double serverCpuMsPerPush = Double.NaN;
    double serverCores = Double.NaN;
    long ok;
    long warmupOk;
    double seconds;
    final Map<String, Long> errors = new TreeMap<>();
    /** Failed pushes of the warm-up: not measured, but a stored push without its 2xx shows here. */
    final Map<String, Long> warmupErrors = new TreeMap<>();
    long[] all = new long[0];

    void addLatencies(long[] values, int n) {
      long[] merged = Arrays.copyOf(all, all.length + n);
      System.arraycopy(values, 0, merged, all.length, n);
      all = merged;
    }

    long errorCount() {
      return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    double rate() {
      return ok / seconds;
    }

    /** Linear interpolation between closest ranks, like the product's own statistics. */
    double percentileMs(double p) {
      if (all.length == 0) {
        return Double.NaN;
      }
      long[] sorted = all.clone();
      Arrays.sort(sorted);
      double h = (sorted.length - 1) * p / 100.0;
      int lo = (int) Math.floor(h);
      int hi = Math.min(sorted.length - 1, lo + 1);
      return (sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])) / 1e6;
    }

    double maxMs() {
      return all.length == 0 ? Double.NaN : Arrays.stream(all).max().getAsLong() / 1e6;
    }
  }

  /** CPU seconds used so far by this JVM and, when known, by the receiver's process. */
  record CpuMeter(long serverPid, int clockTicks) {
    /** {client CPU s, server CPU s or -1}. */
    double[] sample() {
      double client =
          ProcessHandle.current().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
      double server = -1;
      if (serverPid > 0) {
        try {
          String stat = Files.readString(Path.of("/proc/" + serverPid + "/stat"));
          // Fields after the command name, which may contain spaces: parse from the last ')'.
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          server = (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clockTicks;
        } catch (IOException | RuntimeException e) {
          server = -1;
        }
      }
      return new double[] {client, server};
    }
  }

  /** A push token and the scope it was minted for. */
  record Target(String token, String organization, String repository, String workflow, String job) {

    static Target parse(String spec) {
      int at = spec.indexOf('@');
      String[] scope = at < 0 ? new String[0] : spec.substring(at + 1).split(",", -1);
      if (at < 0 || scope.length != 4) {
        throw new IllegalArgumentException("--push must be TOKEN@ORG,REPO,WORKFLOW,JOB: " + spec);
      }
      return new Target(spec.substring(0, at), scope[0], scope[1], scope[2], scope[3]);
    }

    static Target mint(
        HttpClient http,
        URI base,
        String readToken,
        String org,
        String repo,
        String workflow,
        String job,
        Duration timeout)
        throws IOException, InterruptedException {
      String body =
          "{\"organization\":"
              + Json.str(org)
              + ",\"repository\":"
              + Json.str(repo)
              + ",\"workflow\":"
              + Json.str(workflow)
              + ",\"job\":"
              + Json.str(job)
              + "}";
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(base + "/api/v1/token"))
              .timeout(timeout)
              .header("Authorization", "Bearer " + readToken)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher m = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(response.body());
      if (response.statusCode() != 200 || !m.find()) {
        throw new IOException(
            "minting a push token failed: HTTP " + response.statusCode() + " " + response.body());
      }
      // The stored repository is org/name; a bare name in the body is completed the same way.
      String fullRepo = repo.contains("/") ? repo : org + "/" + repo;
      return new Target(m.group(1), org, fullRepo, workflow, job);
    }
  }

  /** Pre-built push bodies for one scope: prefix + run_id + suffix. */
  static final class Bodies {
    final Target target;
    final String[] prefixes;
    final String[] suffixes;

    Bodies(Target target, List<String> payloads) {
      this.target = target;
      this.prefixes = new String[payloads.size()];
      this.suffixes = new String[payloads.size()];
      String head =
          "{\"organization\":"
              + Json.str(target.organization())
              + ",\"repository\":"
              + Json.str(target.repository())
              + ",\"workflow\":"
              + Json.str(target.workflow())
              + ",\"job\":"
              + Json.str(target.job())
              + ",\"run_id\":\"";
      for (int i = 0; i < payloads.size(); i++) {
        prefixes[i] = head;
        suffixes[i] = "\",\"payload\":" + payloads.get(i) + "}";
      }
    }
  }

  /** Realistic run summaries, shaped like what the collector sends. */
  static final class Payloads {
    private static final String[] CONTAINER_NAMES = {
      "runner", "build", "dind", "postgres", "redis", "minio", "selenium", "kafka", "zookeeper",
      "elasticsearch", "mailhog", "registry", "vault", "etcd", "nginx", "mysql"
    };
    private static final String[][] PROCESSES = {
      {"java", "build"}, {"node", "build"}, {"gcc", "build"}, {"cc1plus", "build"}, {"ld", "build"},
      {"go", "build"}, {"cargo", "build"}, {"rustc", "build"}, {"mvn", "build"}, {"gradle", "build"},
      {"npm", "build"}, {"webpack", "build"}, {"python3", "build"}, {"pytest", "build"},
      {"dockerd", "dind"}, {"containerd", "dind"}, {"postgres", "postgres"}, {"redis-server", "redis"},
      {"minio", "minio"}, {"chrome", "selenium"}, {"forgejo-runner", "runner"}, {"bash", "runner"},
      {"git", "runner"}, {"sh", "build"}, {"kafka", "kafka"}, {"collector", "runner"}
    };

    static List<String> generate(int n, int containers, int top, long seed) {
      Random rnd = new Random(seed);
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(one(rnd, containers, top));
      }
      return out;
    }

    static String one(Random rnd, int containers, int top) {
      StringBuilder sb = new StringBuilder(4500);
      double duration = 30 + rnd.nextDouble() * 1800;
      Instant end = Instant.parse("2026-11-28T12:00:00.000Z").plusMillis(rnd.nextInt(86_400_000));
      Instant start = end.minusMillis((long) (duration * 1000));
      long samples = (long) (duration / 2) + 1;
      sb.append("{\"start_time\":\"").append(start).append('"');
      sb.append(",\"end_time\":\"").append(end).append('"');
      sb.append(",\"duration_seconds\":").append(round(duration, 3));
      sb.append(",\"sample_count\":").append(samples);
      sb.append(",\"cpu_total_percent\":");
      stats(sb, rnd, 5 + rnd.nextDouble() * 95, 2);
      long memTotal = (4L + rnd.nextInt(60)) << 30;
      sb.append(",\"mem_used_bytes\":");
      stats(sb, rnd, memTotal * (0.2 + rnd.nextDouble() * 0.7), 0);
      sb.append(",\"containers\":[");
      for (int c = 0; c < containers; c++) {
        if (c > 0) {
          sb.append(',');
        }
        String name = c < CONTAINER_NAMES.length ? CONTAINER_NAMES[c] : "svc-" + c;
        sb.append("{\"name\":").append(Json.str(name));
        double limitCores = 0.5 * (1 + rnd.nextInt(8));
        sb.append(",\"cpu_cores\":");
        stats(sb, rnd, limitCores * (0.1 + rnd.nextDouble()), 3);
        long limitBytes = (128L << rnd.nextInt(5)) << 20; // 128 MiB .. 2 GiB
        sb.append(",\"memory_bytes\":");
        stats(sb, rnd, limitBytes * (0.1 + rnd.nextDouble() * 0.85), 0);
        if (rnd.nextBoolean()) { // CGROUP_LIMITS names about half of them
          sb.append(",\"cpu_limit_cores\":").append(limitCores);
          sb.append(",\"memory_limit_bytes\":").append(limitBytes);
        }
        sb.append('}');
      }
      sb.append(']');
      sb.append(",\"top_cpu_processes\":");
      processes(sb, rnd, top, true);
      sb.append(",\"top_mem_processes\":");
      processes(sb, rnd, top, false);
      sb.append('}');
      return sb.toString();
    }

    private static void processes(StringBuilder sb, Random rnd, int top, boolean byCpu) {
      sb.append('[');
      double cpu = 100 + rnd.nextDouble() * 300;
      double mem = (64L + rnd.nextInt(1500)) << 20;
      for (int p = 0; p < top; p++) {
        if (p > 0) {
          sb.append(',');
        }
        String[] proc = PROCESSES[rnd.nextInt(PROCESSES.length)];
        double peakCpu = byCpu ? cpu : rnd.nextDouble() * 150;
        double peakMem = byCpu ? ((4L + rnd.nextInt(500)) << 20) : mem;
        sb.append("{\"pid\":").append(2 + rnd.nextInt(65000));
        sb.append(",\"name\":").append(Json.str(proc[0]));
        sb.append(",\"container\":").append(Json.str(proc[1]));
        sb.append(",\"peak_cpu_percent\":").append(round(peakCpu, 2));
        sb.append(",\"avg_cpu_percent\":").append(round(peakCpu * (0.2 + rnd.nextDouble() * 0.6), 2));
        sb.append(",\"peak_mem_bytes\":").append((long) peakMem);
        sb.append('}');
        cpu *= 0.6 + rnd.nextDouble() * 0.35;
        mem *= 0.6 + rnd.nextDouble() * 0.35;
      }
      sb.append(']');
    }

    /** peak ≥ p99 ≥ p95 ≥ p75 ≥ p50, avg between p50 and p95. */
    private static void stats(StringBuilder sb, Random rnd, double peak, int decimals) {
      double p99 = peak * (0.9 + rnd.nextDouble() * 0.1);
      double p95 = p99 * (0.8 + rnd.nextDouble() * 0.2);
      double p75 = p95 * (0.6 + rnd.nextDouble() * 0.35);
      double p50 = p75 * (0.5 + rnd.nextDouble() * 0.45);
      double avg = p50 + (p95 - p50) * rnd.nextDouble() * 0.5;
      sb.append("{\"peak\":").append(num(peak, decimals));
      sb.append(",\"avg\":").append(num(avg, decimals));
      sb.append(",\"p50\":").append(num(p50, decimals));
      sb.append(",\"p75\":").append(num(p75, decimals));
      sb.append(",\"p95\":").append(num(p95, decimals));
      sb.append(",\"p99\":").append(num(p99, decimals));
      sb.append('}');
    }

    private static String num(double v, int decimals) {
      return decimals == 0 ? Long.toString((long) v) : Double.toString(round(v, decimals));
    }

    private static double round(double v, int decimals) {
      double f = Math.pow(10, decimals);
      return Math.round(v * f) / f;
    }
  }

  /** Minimal JSON string quoting (the generated values are plain ASCII anyway). */
  static final class Json {
    static String str(String s) {
      StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
      for (char c : s.toCharArray()) {
        switch (c) {
          case '"' -> sb.append("\\\"");
          case '\\' -> sb.append("\\\\");
          default -> {
            if (c < 0x20) {
              sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
              sb.append(c);
            }
          }
        }
      }
      return sb.append('"').toString();
    }
  }

  static void requireLoopback(URI uri) throws IOException {
    String host = uri.getHost();
    if (host == null
        || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || !java.net.InetAddress.getByName(host).isLoopbackAddress()) {
      throw new IllegalArgumentException("only loopback http(s) URLs are allowed: " + uri);
    }
  }

  static int avgBytes(List<String> payloads) {
    long sum = 0;
    for (String p : payloads) {
      sum += p.getBytes(StandardCharsets.UTF_8).length;
    }
    return (int) (sum / Math.max(1, payloads.size()));
  }

  static Map<String, List<String>> parse(String[] args) {
    Map<String, List<String>> opts = new LinkedHashMap<>();
    for (String a : args) {
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument: " + a + "\n" + USAGE);
      }
      int eq = a.indexOf('=');
      String key = eq < 0 ? a.substring(2) : a.substring(2, eq);
      String value = eq < 0 ? "" : a.substring(eq + 1);
      opts.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return opts;
  }

  static String opt(Map<String, List<String>> opts, String key, String def) {
    List<String> v = opts.get(key);
    return v == null || v.isEmpty() ? def : v.get(v.size() - 1);
  }

  static int intOpt(Map<String, List<String>> opts, String key, int def) {
    return Integer.parseInt(opt(opts, key, Integer.toString(def)));
  }
}
