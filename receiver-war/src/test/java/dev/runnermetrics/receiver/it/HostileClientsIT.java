package dev.runnermetrics.receiver.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.scope.ScopeHeaders;
import jakarta.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 15, item 1: clients that push with made-up tokens, send bodies slowly or never, or go away
 * mid-body. One receiver process on loopback with the default body deadline (10 s) and a read cap
 * of {@value #MAX_READS}, above the 200 request threads of Payara Micro's pool, so that the
 * starvation test also shows that a body being read holds no thread. Every socket a test opens is
 * closed by it.
 */
class HostileClientsIT {

  private static final String READ = "hostile-read-token-0123456789abcdef";
  private static final String KEY = "hostile-hmac-key-0123456789abcdef";

  /** The read cap of the receiver under test. */
  static final int MAX_READS = 260;

  /** The default body deadline, which this receiver keeps. */
  static final long DEADLINE_MS = 10_000;

  /** How long a socket waits for an answer before the test fails: a guard, never a measurement. */
  static final int GUARD_MS = 90_000;

  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir static Path dir;

  private static ReceiverProcess process;
  private static Receiver receiver;
  private static Path log;

  @BeforeAll
  static void start() throws InterruptedException {
    log = dir.resolve("receiver.log");
    process =
        ReceiverProcess.javaJar(
            Map.of(
                "RECEIVER_READ_TOKEN",
                READ,
                "RECEIVER_HMAC_KEY",
                KEY,
                "RECEIVER_DB",
                dir.resolve("metrics.db").toString(),
                "RECEIVER_MAX_BODY_READS",
                String.valueOf(MAX_READS)),
            log);
    receiver = new Receiver(process.base(), READ);
    process.awaitReady(receiver);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (process != null) {
      process.stop();
    }
  }

  @Test
  void aMadeUpTokenWithScopeHeadersIsRefusedWithoutItsBody() throws IOException {
    String[] s = Receiver.freshScope("hostile-org", "repo", "build");
    String otherScopes = receiver.mint(s[0], s[1], s[2], "another-job");
    for (String token : List.of(madeUpToken(), otherScopes)) {
      // Headers that announce 1000 bytes, and no body at all: only an answer that does not wait
      // for the body can arrive.
      try (Raw raw = Raw.open(receiver, token, headers(s), 1000, new byte[0])) {
        Raw.Answer answer = raw.answer();
        assertEquals(401, answer.status(), answer.toString());
        assertEquals("application/problem+json", answer.header("content-type"));
        assertEquals("close", answer.header("connection"));
        assertTrue(answer.header("www-authenticate").contains("invalid_token"), answer.toString());
        assertTrue(answer.body().contains("X-Runner-Metrics-Org"), answer.body());
      }
    }
    assertEquals(0, receiver.runs(s[0], s[1], s[2], s[3], "").size());
  }

  static Stream<Arguments> badScopeHeaders() {
    return Stream.of(
        Arguments.of("only one of the four", Map.of(ScopeHeaders.ORGANIZATION, "o"), "", "Repo"),
        Arguments.of(
            "a repeated header", Map.of(), ScopeHeaders.JOB + ": again\r\n", ScopeHeaders.JOB),
        Arguments.of(
            "a broken escape", Map.of(ScopeHeaders.WORKFLOW, "%zz"), "", ScopeHeaders.WORKFLOW),
        Arguments.of(
            "broken UTF-8", Map.of(ScopeHeaders.WORKFLOW, "%C3%28"), "", ScopeHeaders.WORKFLOW),
        Arguments.of(
            "an encoded line break", Map.of(ScopeHeaders.JOB, "a%0Ab"), "", ScopeHeaders.JOB));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badScopeHeaders")
  void badScopeHeadersAre400(String name, Map<String, String> replaced, String extra, String field)
      throws IOException {
    String[] s = Receiver.freshScope("hostile-org", "repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    Map<String, String> headers = new LinkedHashMap<>(headers(s));
    if (replaced.size() == 1 && replaced.containsKey(ScopeHeaders.ORGANIZATION)) {
      headers.clear();
    }
    headers.putAll(replaced);
    byte[] body = utf8(Bodies.push(s[0], s[1], s[2], s[3], "bad-headers"));
    try (Raw raw = Raw.open(receiver, token, headers, extra, body.length, body)) {
      Raw.Answer answer = raw.answer();
      assertEquals(400, answer.status(), name + ": " + answer);
      assertEquals("application/problem+json", answer.header("content-type"), name);
      JsonObject problem = Receiver.json(answer.body());
      assertTrue(problem.getString("field").endsWith(field), name + ": " + problem);
    }
    assertEquals(0, receiver.runs(s[0], s[1], s[2], s[3], "").size(), name);
  }

  @Test
  void aBodyWhoseScopeDiffersFromItsHeadersIsRefused() {
    String[] s = Receiver.freshScope("hostile-org", "repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    HttpResponse<String> response =
        push(token, headers(s), Bodies.push(s[0], s[1], s[2], "test", "mismatch"));
    assertEquals(403, response.statusCode(), response.body());
    assertEquals("application/problem+json", response.headers().firstValue("Content-Type").get());
    assertTrue(response.body().contains("differs"), response.body());
    assertEquals(0, receiver.runs(s[0], s[1], s[2], s[3], "").size());
    assertEquals(0, receiver.runs(s[0], s[1], s[2], "test", "").size());
  }

  @Test
  void collectorsWithAndWithoutScopeHeadersPush() {
    String[] s = Receiver.freshScope("hostile-org", "bare-repo", "build job");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    // The collector sends the qualified repository; the headers may name it bare, like the body.
    assertEquals(
        201, push(token, headers(s), Bodies.push(s[0], s[1], s[2], s[3], "new")).statusCode());
    assertEquals(
        201, push(token, Map.of(), Bodies.push(s[0], s[1], s[2], s[3], "old")).statusCode());
    assertEquals(2, receiver.runs(s[0], s[1], s[2], s[3], "").size());
  }

  @Test
  void aStalledBodyIsAnswered408AfterTheDeadline() throws IOException {
    String[] s = Receiver.freshScope("hostile-org", "repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    byte[] body = utf8(Bodies.push(s[0], s[1], s[2], s[3], "stalled"));
    long start = System.nanoTime();
    try (Raw raw = Raw.open(receiver, token, Map.of(), body.length, slice(body, 20))) {
      Raw.Answer answer = raw.answer();
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertEquals(408, answer.status(), answer.toString());
      assertEquals("application/problem+json", answer.header("content-type"));
      assertEquals("close", answer.header("connection"));
      assertTrue(answer.body().contains(DEADLINE_MS + " ms"), answer.body());
      // The deadline is a lower bound only: no upper one, which would measure the machine.
      assertTrue(tookMillis >= DEADLINE_MS - 50, "answered after " + tookMillis + " ms");
    }
    assertEquals(0, receiver.runs(s[0], s[1], s[2], s[3], "").size());
  }

  /**
   * A body that comes after its head is read without holding a thread (then handed to JAX-RS by an
   * async dispatch); one that comes whole with its head is taken at once. On one kept-alive
   * connection each gets exactly its own answer, and each push is stored once.
   */
  @Test
  void aLateBodyAndAWholeOneAreEachAnsweredOnceOnOneConnection() throws Exception {
    String[] s = Receiver.freshScope("hostile-org", "repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    byte[] late = utf8(Bodies.push(s[0], s[1], s[2], s[3], "late"));
    byte[] whole = utf8(Bodies.push(s[0], s[1], s[2], s[3], "whole"));
    try (Raw raw = Raw.open(receiver, token, Map.of(), late.length, slice(late, 20))) {
      // Lets the head be handled before the rest arrives (on a slow day the body may be whole by
      // then, and the push is taken at once: still a push that must be answered once).
      Thread.sleep(300);
      raw.send(java.util.Arrays.copyOfRange(late, 20, late.length));
      Raw.Answer first = raw.answer();
      assertEquals(201, first.status(), first.toString());
      raw.send(Raw.head(token, Map.of(), "", whole.length), whole);
      Raw.Answer second = raw.answer();
      assertEquals(201, second.status(), second.toString());
      assertTrue(second.body().contains("\"whole\""), second.body());
    }
    assertEquals(2, receiver.runs(s[0], s[1], s[2], s[3], "").size());
  }

  @Test
  void clientsThatLeaveMidBodyLeaveNoTraceInTheLog() throws IOException {
    String[] s = Receiver.freshScope("hostile-org", "repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    byte[] body = utf8(Bodies.push(s[0], s[1], s[2], s[3], "gone"));
    long mark = logLength();
    for (int i = 0; i < 20; i++) {
      try (Raw raw = Raw.open(receiver, token, Map.of(), body.length, slice(body, 30 + i))) {
        raw.socket.setSoLinger(true, 0); // a reset, the rudest way to go
      }
    }
    // Served after the departures (their slots come back): the receiver carries on.
    assertEquals(
        201, push(token, headers(s), Bodies.push(s[0], s[1], s[2], s[3], "after")).statusCode());
    assertEquals(1, receiver.runs(s[0], s[1], s[2], s[3], "").size());
    String added = logSince(mark);
    assertFalse(added.contains("SEVERE"), added);
    assertFalse(added.contains("\tat "), added);
  }

  /**
   * The starvation case: {@value #MAX_READS}+40 pushes with made-up tokens and no scope
   * headers trickle one byte every 2 s (the receiver reads {@value #MAX_READS} of them at once and
   * answers 503 beyond), and 50 with scope headers stall; for at least 20 s, and until enough
   * samples are taken, {@code /health/ready} and an authorised GET keep answering within 1 s at the
   * 99th percentile, and the log gains less than a line per refused request.
   */
  @Test
  void healthAndQueriesStayResponsiveWhileHostileUploadsAreRefused() throws Exception {
    String[] s = Receiver.freshScope("hostile-org", "repo", "build");
    String token = receiver.mint(s[0], s[1], s[2], s[3]);
    assertEquals(
        201, push(token, headers(s), Bodies.push(s[0], s[1], s[2], s[3], "seen")).statusCode());
    String query =
        "api/v1/metrics/repo/"
            + Receiver.enc(s[0])
            + "/"
            + Receiver.enc(s[1])
            + "/"
            + Receiver.enc(s[2])
            + "/"
            + Receiver.enc(s[3]);
    int withoutHeaders = MAX_READS + 40;
    int withHeaders = 50;
    long mark = logLength();
    List<Raw> hostile = new ArrayList<>();
    AtomicBoolean trickling = new AtomicBoolean(true);
    Thread trickler = null;
    try {
      for (int i = 0; i < withoutHeaders + withHeaders; i++) {
        Map<String, String> scope = i < withoutHeaders ? Map.of() : headers(s);
        hostile.add(Raw.open(receiver, madeUpToken(), scope, 4096, new byte[] {'{'}));
      }
      trickler = new Thread(() -> trickle(hostile, trickling), "hostile-trickle");
      trickler.start();
      List<Long> ready = new ArrayList<>();
      List<Long> queries = new ArrayList<>();
      long start = System.nanoTime();
      while (System.nanoTime() - start < 20_000_000_000L || ready.size() < 200) {
        ready.add(timed(() -> receiver.get("health/ready", null), 200));
        queries.add(timed(() -> receiver.get(query, "Bearer " + READ), 200));
        assertTrue(ready.size() < 100_000, "sampling runs away");
      }
      trickling.set(false);
      trickler.join();
      // The figures, for the record in CI's log (the assertions below judge them).
      System.out.println("starvation: /health/ready p99 " + describe(ready));
      System.out.println("starvation: authorised GET p99 " + describe(queries));
      assertTrue(p99(ready) < 1_000_000_000L, "p99 of /health/ready " + describe(ready));
      assertTrue(p99(queries) < 1_000_000_000L, "p99 of the query " + describe(queries));

      int refused503 = 0;
      for (int i = 0; i < hostile.size(); i++) {
        Raw.Answer answer = hostile.get(i).answer();
        if (i >= withoutHeaders) {
          assertEquals(401, answer.status(), "with scope headers: " + answer);
        } else if (answer.status() == 503) {
          assertEquals("1", answer.header("retry-after"), answer.toString());
          refused503++;
        } else {
          assertEquals(408, answer.status(), "without scope headers: " + answer);
        }
        assertEquals("application/problem+json", answer.header("content-type"), answer.toString());
      }
      // The cap: more trickling bodies than slots means some were refused at once.
      assertTrue(refused503 >= 1, "no 503 beyond " + MAX_READS + " bodies being read");
    } finally {
      trickling.set(false);
      if (trickler != null) {
        trickler.join();
      }
      for (Raw raw : hostile) {
        raw.close();
      }
    }
    String added = logSince(mark);
    long lines = added.lines().count();
    assertTrue(
        lines < withoutHeaders + withHeaders,
        lines + " log lines for " + (withoutHeaders + withHeaders) + " refusals:\n" + added);
    assertFalse(added.contains("SEVERE"), added);
    assertEquals(1, receiver.runs(s[0], s[1], s[2], s[3], "").size());
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        Arguments.of("RECEIVER_BODY_TIMEOUT_MS", "10s", "receiver.body-timeout-ms must be"),
        Arguments.of("RECEIVER_MAX_BODY_READS", "0", "receiver.max-body-reads must be"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @MethodSource("badSettings")
  void aBadBodySettingStopsTheReceiver(String variable, String value, String line)
      throws InterruptedException {
    Path bad = dir.resolve("bad-" + variable + ".log");
    try (ReceiverProcess p =
        ReceiverProcess.javaJar(
            Map.of(
                "RECEIVER_READ_TOKEN",
                READ,
                "RECEIVER_HMAC_KEY",
                KEY,
                "RECEIVER_DB",
                dir.resolve("bad.db").toString(),
                variable,
                value),
            bad)) {
      int exit = p.awaitExit();
      String output = p.output();
      assertEquals(2, exit, output);
      assertTrue(
          output.lines().anyMatch(l -> l.startsWith("receiver: " + line)),
          line + " missing from:\n" + output);
    }
  }

  /** One byte every 2 s to every hostile socket still open, until told to stop. */
  private static void trickle(List<Raw> sockets, AtomicBoolean trickling) {
    while (trickling.get()) {
      for (Raw raw : sockets) {
        raw.trickle();
      }
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Nanoseconds one request took; asserts its status. */
  private static long timed(java.util.function.Supplier<HttpResponse<String>> call, int status) {
    long start = System.nanoTime();
    HttpResponse<String> response = call.get();
    long took = System.nanoTime() - start;
    assertEquals(status, response.statusCode(), response.body());
    return took;
  }

  private static long p99(List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
  }

  private static String describe(List<Long> nanos) {
    List<Long> sorted = nanos.stream().sorted().toList();
    return String.format(
        Locale.ROOT,
        "%d ms over %d samples (median %d ms, max %d ms)",
        p99(nanos) / 1_000_000,
        sorted.size(),
        sorted.get(sorted.size() / 2) / 1_000_000,
        sorted.get(sorted.size() - 1) / 1_000_000);
  }

  /**
   * A push as the collector sends it, with {@code scopeHeaders}; a 503 (all read slots taken by
   * another test's sockets, freed as they close) is retried after its Retry-After, as the collector
   * does.
   */
  private static HttpResponse<String> push(
      String token, Map<String, String> scopeHeaders, String body) {
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder request =
          receiver.post("api/v1/metrics", body).header("Authorization", "Bearer " + token);
      scopeHeaders.forEach(request::header);
      HttpResponse<String> response = receiver.send(request.build());
      if (response.statusCode() != 503 || attempt == 60) {
        return response;
      }
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return response;
      }
    }
  }

  /** The scope headers for a test scope, as the collector sends them. */
  private static Map<String, String> headers(String[] s) {
    return ScopeHeaders.of(Scope.of(s[0], s[1], s[2], s[3]));
  }

  /** A token shaped like a push token, not yet expired, signed by nobody. */
  private static String madeUpToken() {
    byte[] mac = new byte[32];
    RANDOM.nextBytes(mac);
    return "v1."
        + Instant.now().plusSeconds(86_400).getEpochSecond()
        + "."
        + HexFormat.of().formatHex(mac);
  }

  private static long logLength() throws IOException {
    return Files.size(log);
  }

  private static String logSince(long mark) throws IOException {
    byte[] all = Files.readAllBytes(log);
    return new String(all, (int) mark, all.length - (int) mark, StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] slice(byte[] bytes, int length) {
    return java.util.Arrays.copyOf(bytes, Math.min(length, bytes.length));
  }

  /** A push written by hand on its own socket, so that its body can stall or stop. */
  static final class Raw implements AutoCloseable {

    final Socket socket;
    private final OutputStream out;
    private boolean open = true;

    private Raw(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
    }

    static Raw open(
        Receiver receiver, String token, Map<String, String> headers, int length, byte[] first)
        throws IOException {
      return open(receiver, token, headers, "", length, first);
    }

    /** Sends the request head announcing {@code length} bytes, then {@code first} of them. */
    static Raw open(
        Receiver receiver,
        String token,
        Map<String, String> headers,
        String extra,
        int length,
        byte[] first)
        throws IOException {
      java.net.URI uri = receiver.uri("api/v1/metrics");
      Socket socket = new Socket(uri.getHost(), uri.getPort());
      try {
        socket.setSoTimeout(GUARD_MS);
        Raw raw = new Raw(socket);
        raw.send(head(token, headers, extra, length), first);
        return raw;
      } catch (IOException | RuntimeException e) {
        socket.close();
        throw e;
      }
    }

    /** A push's request head announcing {@code length} bytes of body. */
    static byte[] head(String token, Map<String, String> headers, String extra, int length) {
      StringBuilder head =
          new StringBuilder("POST /api/v1/metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n")
              .append("Authorization: Bearer ")
              .append(token)
              .append("\r\nContent-Type: application/json\r\nContent-Length: ")
              .append(length)
              .append("\r\n");
      headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
      head.append(extra).append("\r\n");
      return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends {@code parts} in one write. */
    synchronized void send(byte[]... parts) throws IOException {
      for (byte[] part : parts) {
        out.write(part);
      }
      out.flush();
    }

    /** One more body byte, unless the receiver has closed the connection. */
    synchronized void trickle() {
      if (!open) {
        return;
      }
      try {
        out.write(' ');
        out.flush();
      } catch (IOException closed) {
        open = false;
      }
    }

    /** The receiver's answer: head and a body of its Content-Length. */
    Answer answer() throws IOException {
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      try {
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          int b = in.read();
          if (b < 0) {
            throw new IOException("connection closed before an answer: " + head);
          }
          head.write(b);
        }
      } catch (SocketTimeoutException e) {
        throw new AssertionError("no answer within " + GUARD_MS + " ms: " + head, e);
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(
              lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
              lines[i].substring(colon + 1).strip());
        }
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      return new Answer(
          Integer.parseInt(lines[0].split(" ")[1]),
          headers,
          new String(body, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() {
      open = false;
      try {
        socket.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    record Answer(int status, Map<String, String> headers, String body) {
      String header(String name) {
        return headers.getOrDefault(name, "");
      }
    }
  }
}
