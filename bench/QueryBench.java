import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Query-at-scale benchmark helper (issue 6, item 2). Run with the sqlite-jdbc jar on the class path:
 *
 * <pre>
 * java -cp sqlite-jdbc.jar bench/QueryBench.java seed  --db=FILE --payloads=FILE [--rows=200000 --jobs=500]
 * java -cp sqlite-jdbc.jar bench/QueryBench.java plan  --db=FILE [--jobs=500 --requests=500]
 * java -cp sqlite-jdbc.jar bench/QueryBench.java query --url=http://127.0.0.1:PORT [--read-token=T]
 *                                                      [--jobs=500 --requests=1000 --warmup=1000 --limit=100]
 * </pre>
 *
 * <p>On PostgreSQL, {@code seed} and {@code plan} take {@code --jdbc=jdbc:postgresql://… --user=NAME}
 * instead of {@code --db} (password from {@code PGPASSWORD}; the PostgreSQL JDBC jar on the class
 * path); {@code plan} then prints PostgreSQL's {@code EXPLAIN} of the same query.
 *
 * <p>{@code seed} fills the receiver's own (already created, receiver stopped) {@code stored_run}
 * table with {@code --rows} runs spread at random over {@code --jobs} scopes (10 organizations × 5
 * repositories × 2 workflows × 5 jobs for 500), in arrival order, so one job's runs are scattered
 * over the whole table as in real life. {@code plan} prints SQLite's query plan of the receiver's
 * query shape and times that query alone (no HTTP, no JPA). {@code query} times the receiver's
 * {@code GET /api/v1/metrics/repo/{org}/{repo}/{workflow}/{job}?limit=100} for random jobs; the
 * read token comes from {@code --read-token} or env {@code RECEIVER_READ_TOKEN}.
 */
public final class QueryBench {

  static final String[] WORKFLOWS = {"ci.yml", "release.yml"};
  static final String[] JOBS = {"build", "test", "lint", "e2e", "deploy"};

  /**
   * The receiver's read of one job's newest runs as EclipseLink issues it for the named query
   * Run.newestInScope (the generic platform has no LIMIT clause: it caps rows with JDBC
   * setMaxRows).
   */
  static final String RECEIVER_QUERY =
      "SELECT ID, IDEMPOTENCY_KEY, JOB, ORGANIZATION, PAYLOAD, RECEIVED_AT, REPOSITORY, RUN_ID,"
          + " WORKFLOW FROM stored_run WHERE (((((ORGANIZATION = ?) AND (REPOSITORY = ?)) AND"
          + " (WORKFLOW = ?)) AND (JOB = ?)) AND (ID < ?)) ORDER BY ID DESC";

  /** The scope of job number {@code i} (0 ≤ i < jobs). */
  record Scope(String organization, String repository, String workflow, String job) {
    static Scope of(int i) {
      int j = i % JOBS.length;
      int w = (i / JOBS.length) % WORKFLOWS.length;
      int r = (i / (JOBS.length * WORKFLOWS.length)) % 5;
      int o = i / (JOBS.length * WORKFLOWS.length * 5);
      String org = "org-" + o;
      return new Scope(org, org + "/repo-" + r, WORKFLOWS[w], JOBS[j]);
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: QueryBench seed|plan|query --option=value …  (see the source)");
      System.exit(2);
    }
    Map<String, String> o = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String a = args[i];
      int eq = a.indexOf('=');
      if (!a.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + a);
      }
      o.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "" : a.substring(eq + 1));
    }
    int jobs = Integer.parseInt(o.getOrDefault("jobs", "500"));
    if (jobs < 1 || jobs > 100_000) {
      throw new IllegalArgumentException("--jobs must be 1..100000");
    }
    switch (args[0]) {
      case "seed" -> seed(
          Target.of(o, false),
          Path.of(req(o, "payloads")),
          Long.parseLong(o.getOrDefault("rows", "200000")),
          jobs);
      case "plan" -> plan(Target.of(o, true), jobs, Integer.parseInt(o.getOrDefault("requests", "500")));
      case "query" -> query(
          req(o, "url"),
          o.getOrDefault("read-token", System.getenv().getOrDefault("RECEIVER_READ_TOKEN", "")),
          jobs,
          Integer.parseInt(o.getOrDefault("requests", "1000")),
          Integer.parseInt(o.getOrDefault("warmup", "1000")),
          Integer.parseInt(o.getOrDefault("limit", "100")),
          Double.parseDouble(o.getOrDefault("target-p99-ms", "20")),
          Long.parseLong(o.getOrDefault("server-pid", "0")),
          Integer.parseInt(o.getOrDefault("clk-tck", "100")));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  static String req(Map<String, String> o, String key) {
    String v = o.get(key);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("--" + key + "=… is required");
    }
    return v;
  }

  /** The receiver's database: a SQLite file ({@code --db}) or PostgreSQL ({@code --jdbc}). */
  record Target(Path file, String jdbc, String user) {
    static Target of(Map<String, String> o, boolean readOnly) {
      if (o.containsKey("jdbc")) {
        return new Target(null, req(o, "jdbc"), req(o, "user"));
      }
      Path db = Path.of(req(o, "db")).toAbsolutePath();
      if (!Files.isRegularFile(db)) {
        throw new IllegalArgumentException(db + " does not exist: start the receiver on it once first");
      }
      return new Target(db, (readOnly ? "jdbc:sqlite:file:" : "jdbc:sqlite:") + db + (readOnly ? "?mode=ro" : ""), null);
    }

    boolean sqlite() {
      return file != null;
    }

    Connection open() throws SQLException {
      return sqlite()
          ? DriverManager.getConnection(jdbc)
          : DriverManager.getConnection(jdbc, user, System.getenv().getOrDefault("PGPASSWORD", ""));
    }

    String size() {
      try {
        return sqlite() ? (Files.size(file) >> 20) + " MiB" : "on the server";
      } catch (IOException e) {
        return "?";
      }
    }
  }

  static void seed(Target db, Path payloadFile, long rows, int jobs) throws IOException, SQLException {
    if (rows < 1 || rows > 10_000_000) {
      throw new IllegalArgumentException("--rows must be 1..10000000");
    }
    List<String> payloads =
        Files.readAllLines(payloadFile, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    Random rnd = new Random(7);
    long t0 = System.nanoTime();
    try (Connection c = db.open()) {
      try (Statement s = c.createStatement()) {
        if (db.sqlite()) {
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL"); // seeding only; the receiver uses its own setting
        }
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM stored_run")) {
          rs.next();
          if (rs.getLong(1) != 0) {
            throw new IllegalStateException(db.jdbc() + " already holds runs: seed an empty database");
          }
        }
      }
      c.setAutoCommit(false);
      long now = System.currentTimeMillis();
      long span = 60L * 24 * 3600 * 1000; // 60 days of history, oldest first
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO stored_run (organization, repository, workflow, job, run_id,"
                  + " received_at, idempotency_key, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
        for (long i = 0; i < rows; i++) {
          Scope scope = Scope.of(rnd.nextInt(jobs));
          insert.setString(1, scope.organization());
          insert.setString(2, scope.repository());
          insert.setString(3, scope.workflow());
          insert.setString(4, scope.job());
          insert.setString(5, "seed-" + i);
          insert.setLong(6, now - span + span * i / rows);
          insert.setString(7, new UUID(rnd.nextLong(), rnd.nextLong()).toString());
          insert.setString(8, payloads.get((int) (i % payloads.size())));
          insert.addBatch();
          if ((i + 1) % 5000 == 0 || i + 1 == rows) {
            insert.executeBatch();
            c.commit();
          }
        }
      }
      c.setAutoCommit(true);
      if (db.sqlite()) {
        try (Statement s = c.createStatement()) {
          // No ANALYZE: the receiver never runs it, so the planner sees what it sees in production
          // (on PostgreSQL, autovacuum analyses the table as it would in production).
          s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "seeded %d runs over %d jobs in %.1f s; database %s%n",
        rows,
        jobs,
        (System.nanoTime() - t0) / 1e9,
        db.size());
  }

  static void plan(Target db, int jobs, int requests) throws SQLException {
    try (Connection c = db.open()) {
      Scope s0 = Scope.of(0);
      String[] shapes = {RECEIVER_QUERY, RECEIVER_QUERY + " LIMIT 100"};
      boolean indexOk = true;
      String explain = db.sqlite() ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
      for (String sql : shapes) {
        System.out.println(explain + sql);
        boolean usesIndex = false;
        try (PreparedStatement p = c.prepareStatement(explain + sql)) {
          bind(p, s0);
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              String detail = rs.getString(db.sqlite() ? "detail" : "QUERY PLAN");
              System.out.println("  " + detail);
              usesIndex |= detail.contains("stored_run_scope_id");
              if (detail.contains("TEMP B-TREE") || detail.startsWith("SCAN")
                  || detail.contains("Seq Scan") || detail.contains("Sort")) {
                indexOk = false;
              }
            }
          }
        }
        indexOk &= usesIndex;
      }
      System.out.println(
          "PLAN "
              + (indexOk ? "PASS" : "MISS")
              + ": "
              + (indexOk
                  ? "stored_run_scope_id walked, rows come in id order (no sort, no scan)"
                  : "the query does not walk stored_run_scope_id in order"));

      // The same query through JDBC alone, 100 rows as the receiver reads them (setMaxRows).
      Random rnd = new Random(11);
      long[] t = new long[requests];
      try (PreparedStatement p = c.prepareStatement(RECEIVER_QUERY)) {
        p.setMaxRows(100);
        for (int i = -Math.min(50, requests); i < requests; i++) {
          bind(p, Scope.of(rnd.nextInt(jobs)));
          long t0 = System.nanoTime();
          long bytes = 0;
          try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
              bytes += rs.getString(5).length();
            }
          }
          if (i >= 0) {
            t[i] = System.nanoTime() - t0;
          }
          if (bytes == 0) {
            throw new IllegalStateException("no rows for a seeded job: was the database seeded?");
          }
        }
      }
      Arrays.sort(t);
      System.out.printf(
          Locale.ROOT,
          "%s requests=%d p50_ms=%.3f p99_ms=%.3f max_ms=%.3f (JDBC, 100 rows with payload, warm cache)%n",
          db.sqlite() ? "SQLITE_ONLY" : "POSTGRESQL_ONLY",
          requests,
          pct(t, 50) / 1e6,
          pct(t, 99) / 1e6,
          t[t.length - 1] / 1e6);
    }
  }

  static void bind(PreparedStatement p, Scope s) throws SQLException {
    p.setString(1, s.organization());
    p.setString(2, s.repository());
    p.setString(3, s.workflow());
    p.setString(4, s.job());
    p.setLong(5, Long.MAX_VALUE);
  }

  static void query(
      String url,
      String readToken,
      int jobs,
      int requests,
      int warmup,
      int limit,
      double targetP99,
      long serverPid,
      int clockTicks)
      throws IOException, InterruptedException {
    URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    if (!java.net.InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException("only loopback URLs are allowed: " + base);
    }
    if (requests < 1 || requests > 100_000 || warmup < 0 || warmup > 10_000) {
      throw new IllegalArgumentException("--requests must be 1..100000, --warmup 0..10000");
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    Random rnd = new Random(13);
    long[] t = new long[requests];
    long[] warm = new long[warmup];
    Map<String, Integer> errors = new TreeMap<>();
    long runs = 0;
    long bytes = 0;
    int short100 = 0;
    double cpuBefore = 0;
    long wallBefore = 0;
    for (int i = -warmup; i < requests; i++) {
      if (i == 0) {
        cpuBefore = cpuSeconds(serverPid, clockTicks);
        wallBefore = System.nanoTime();
      }
      Scope s = Scope.of(rnd.nextInt(jobs));
      // The repository in full, its slash encoded, as the seed's README shows.
      URI uri =
          URI.create(
              base
                  + "/api/v1/metrics/repo/"
                  + enc(s.organization())
                  + "/"
                  + enc(s.repository())
                  + "/"
                  + enc(s.workflow())
                  + "/"
                  + enc(s.job())
                  + "?limit="
                  + limit);
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(Duration.ofSeconds(10))
              .header("Authorization", "Bearer " + readToken)
              .GET()
              .build();
      long t0 = System.nanoTime();
      String outcome = null;
      // Bytes, not a String: the time to the answer's last byte, without decoding 540 KiB into
      // UTF-16 on cores the receiver needs.
      byte[] body = new byte[0];
      try {
        HttpResponse<byte[]> response =
            http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        body = response.body();
        if (response.statusCode() != 200) {
          outcome = "HTTP " + response.statusCode();
        }
      } catch (IOException e) {
        outcome = e.getClass().getSimpleName();
      }
      long elapsed = System.nanoTime() - t0;
      if (i < 0) {
        warm[i + warmup] = elapsed;
        continue;
      }
      t[i] = elapsed;
      if (outcome != null) {
        errors.merge(outcome, 1, Integer::sum);
        continue;
      }
      int n = count(body, RUN_ID);
      runs += n;
      bytes += body.length;
      if (n < limit) {
        short100++;
      }
    }
    double cpuMs = (cpuSeconds(serverPid, clockTicks) - cpuBefore) * 1000;
    double wallMs = (System.nanoTime() - wallBefore) / 1e6;
    Arrays.sort(t);
    if (warmup > 0) {
      // What a freshly started receiver answers while its JIT compiler is still at work: shown,
      // not judged (the target is about a receiver in service).
      long[] first = Arrays.copyOf(warm, warmup);
      Arrays.sort(first);
      System.out.printf(
          Locale.ROOT,
          "WARMUP requests=%d limit=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f (not judged)%n",
          warmup,
          limit,
          pct(first, 50) / 1e6,
          pct(first, 99) / 1e6,
          first[first.length - 1] / 1e6);
    }
    double p50 = pct(t, 50) / 1e6;
    double p99 = pct(t, 99) / 1e6;
    System.out.printf(
        Locale.ROOT,
        "QUERY requests=%d limit=%d p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f avg_runs=%.1f"
            + " avg_body_kib=%.0f short_pages=%d errors=%s server_cpu_ms_per_request=%.2f"
            + " server_cores=%.2f%n",
        requests,
        limit,
        p50,
        pct(t, 90) / 1e6,
        p99,
        t[t.length - 1] / 1e6,
        runs / (double) requests,
        bytes / 1024.0 / requests,
        short100,
        errors.isEmpty() ? "0" : errors.toString(),
        serverPid > 0 ? cpuMs / requests : Double.NaN,
        serverPid > 0 ? cpuMs / wallMs : Double.NaN);
    System.out.printf(
        Locale.ROOT,
        "query target (p99 < %.0f ms for one job, limit %d): %s (p99 %.2f ms)%n",
        targetP99,
        limit,
        p99 < targetP99 && errors.isEmpty() ? "PASS" : "MISS",
        p99);
  }

  /** CPU seconds (user + system) of a process from /proc, or 0 when unknown. */
  static double cpuSeconds(long pid, int clockTicks) {
    if (pid <= 0) {
      return 0;
    }
    try {
      String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / (double) clockTicks;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static final byte[] RUN_ID = "\"run_id\"".getBytes(StandardCharsets.UTF_8);

  static int count(byte[] haystack, byte[] needle) {
    int n = 0;
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      n++;
      i += needle.length - 1;
    }
    return n;
  }


  /** R-7 percentile of sorted values. */
  static double pct(long[] sorted, double p) {
    double h = (sorted.length - 1) * p / 100.0;
    int lo = (int) Math.floor(h);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
