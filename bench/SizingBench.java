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
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Sizing API benchmark helper (issue 12). Run with the sqlite-jdbc jar on the class path:
 *
 * <pre>
 * java -cp sqlite-jdbc.jar bench/SizingBench.java seed  --db=FILE [--rows=200000 --jobs=500 --big=1000]
 * java -cp sqlite-jdbc.jar bench/SizingBench.java query --url=http://127.0.0.1:PORT
 *                                                       [--requests=200 --heavy=30 --warmup=100]
 * </pre>
 *
 * <p>{@code seed} fills the receiver's own tables (created by a first start, receiver stopped):
 * {@code --rows} runs of one organization ({@code bench-org}) over {@code --jobs} jobs, each run
 * with two containers ({@code build} with limits, {@code db} without) as {@code stored_run} rows
 * with a contract payload and {@code container_usage} rows with the same figures. Job 0 ({@code
 * app-0/ci.yml/build}) gets exactly {@code --big} runs; the rest are spread at random, in arrival
 * order. {@code query} times, one request at a time on one keep-alive connection: the plain query
 * (newest 100 runs of a random job), the advice for the big job with the default window (10 runs)
 * and with all its 1000 runs, and the organisation view's first page (100 jobs, most CPU waste
 * first) and a deep page; the read token from env {@code RECEIVER_READ_TOKEN}.
 */
public final class SizingBench {

  static final String ORG = "bench-org";
  static final String[] WORKFLOWS = {"ci.yml", "release.yml"};
  static final String[] JOBS = {"build", "test", "lint", "e2e", "deploy"};
  static final long MIB = 1024L * 1024;

  /** Job {@code i}: 50 repositories × 2 workflows × 5 jobs for 500. */
  static String[] scope(int i) {
    return new String[] {
      ORG, ORG + "/app-" + (i / 10), WORKFLOWS[(i / 5) % 2], JOBS[i % 5]
    };
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SizingBench seed|query --option=value …  (see the source)");
      System.exit(2);
    }
    Map<String, String> o = new LinkedHashMap<>();
    for (String a : Arrays.copyOfRange(args, 1, args.length)) {
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("options are --name=value: " + a);
      }
      o.put(a.substring(2, eq), a.substring(eq + 1));
    }
    switch (args[0]) {
      case "seed" -> seed(
          Path.of(o.get("db")),
          Integer.parseInt(o.getOrDefault("rows", "200000")),
          Integer.parseInt(o.getOrDefault("jobs", "500")),
          Integer.parseInt(o.getOrDefault("big", "1000")));
      case "query" -> query(
          o.get("url"),
          Integer.parseInt(o.getOrDefault("requests", "200")),
          Integer.parseInt(o.getOrDefault("heavy", "30")),
          Integer.parseInt(o.getOrDefault("warmup", "100")));
      default -> throw new IllegalArgumentException("unknown command " + args[0]);
    }
  }

  static String stats(double peak, double avg, double p95) {
    return String.format(
        Locale.ROOT,
        "{\"peak\":%.6f,\"avg\":%.6f,\"p50\":%.6f,\"p75\":%.6f,\"p95\":%.6f,\"p99\":%.6f}",
        peak, avg, avg, avg, p95, peak);
  }

  record Box(String name, double p95, double avg, long memPeak, long memAvg, Double cpuLimit,
      Long memLimit, long oomKills, double duration) {
    String json() {
      return "{\"name\":\"" + name + "\",\"cpu_cores\":" + stats(p95 * 1.2, avg, p95)
          + ",\"memory_bytes\":" + stats(memPeak, memAvg, memPeak)
          + String.format(Locale.ROOT, ",\"cpu_seconds\":%.6f,\"cpu_source\":\"cgroup\"", avg * duration)
          + (cpuLimit == null ? "" : ",\"cpu_limit_cores\":" + cpuLimit)
          + (memLimit == null ? "" : ",\"memory_limit_bytes\":" + memLimit)
          + ",\"oom_kills\":" + oomKills + "}";
    }
  }

  static void seed(Path db, int rows, int jobs, int big) throws Exception {
    if (!Files.isRegularFile(db)) {
      throw new IllegalArgumentException(db + " does not exist: start the receiver on it once first");
    }
    if (rows < big || jobs < 2) {
      throw new IllegalArgumentException("--rows must be at least --big, --jobs at least 2");
    }
    Random rnd = new Random(7);
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=NORMAL"); // seeding only
        try (ResultSet rs = s.executeQuery("SELECT count(*) FROM stored_run")) {
          rs.next();
          if (rs.getLong(1) != 0) {
            throw new IllegalStateException(db + " already holds runs: seed an empty database");
          }
        }
      }
      c.setAutoCommit(false);
      long now = System.currentTimeMillis();
      long span = 60L * 24 * 3600 * 1000;
      // Job 0's runs are every (rows / big)-th run, so they are spread over the whole table too.
      long stride = rows / big;
      try (PreparedStatement run = c.prepareStatement(
              "INSERT INTO stored_run (id, organization, repository, workflow, job, run_id,"
                  + " received_at, idempotency_key, payload) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?)");
          PreparedStatement row = c.prepareStatement(
              "INSERT INTO container_usage (stored_run_id, name, cpu_cores_peak, cpu_cores_avg,"
                  + " cpu_cores_p50, cpu_cores_p75, cpu_cores_p95, cpu_cores_p99,"
                  + " memory_bytes_peak, memory_bytes_avg, memory_bytes_p50, memory_bytes_p75,"
                  + " memory_bytes_p95, memory_bytes_p99, cpu_limit_cores, memory_limit_bytes,"
                  + " cpu_seconds, cpu_source, oom_kills)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'cgroup', ?)")) {
        for (int i = 0; i < rows; i++) {
          long id = i + 1L;
          int job = (i % stride == 0 && i / stride < big) ? 0 : 1 + rnd.nextInt(jobs - 1);
          String[] s = scope(job);
          double duration = 120 + rnd.nextInt(1200);
          double p95 = 0.5 + rnd.nextDouble() * (1 + job % 4);
          Box build = new Box("build", p95, p95 / 2, (256 + rnd.nextInt(1024)) * MIB, 200 * MIB,
              (double) (2 + job % 4), 4096 * MIB, rnd.nextInt(200) == 0 ? 1 : 0, duration);
          Box dbBox = new Box("db", 0.2, 0.1, 300 * MIB, 250 * MIB, null, null, 0, duration);
          String payload = "{\"start_time\":\"2026-02-06T14:30:00.000Z\","
              + "\"end_time\":\"2026-02-06T14:40:00.000Z\",\"duration_seconds\":" + duration
              + ",\"sample_count\":" + (int) (duration / 2) + ",\"cpu_total_percent\":"
              + stats(80, 30, 70) + ",\"mem_used_bytes\":" + stats(2e9, 1e9, 2e9)
              + ",\"containers\":[" + build.json() + "," + dbBox.json() + "],"
              + "\"top_cpu_processes\":[],\"top_mem_processes\":[]}";
          run.setLong(1, id);
          run.setString(2, s[0]);
          run.setString(3, s[1]);
          run.setString(4, s[2]);
          run.setString(5, s[3]);
          run.setString(6, "seed-" + i);
          run.setLong(7, now - span + span * i / rows);
          run.setString(8, payload);
          run.addBatch();
          for (Box b : new Box[] {build, dbBox}) {
            row.setLong(1, id);
            row.setString(2, b.name());
            row.setDouble(3, b.p95() * 1.2);
            row.setDouble(4, b.avg());
            row.setDouble(5, b.avg());
            row.setDouble(6, b.avg());
            row.setDouble(7, b.p95());
            row.setDouble(8, b.p95() * 1.2);
            row.setDouble(9, b.memPeak());
            row.setDouble(10, b.memAvg());
            row.setDouble(11, b.memAvg());
            row.setDouble(12, b.memAvg());
            row.setDouble(13, b.memPeak());
            row.setDouble(14, b.memPeak());
            if (b.cpuLimit() == null) {
              row.setNull(15, java.sql.Types.REAL);
              row.setNull(16, java.sql.Types.INTEGER);
            } else {
              row.setDouble(15, b.cpuLimit());
              row.setLong(16, b.memLimit());
            }
            row.setDouble(17, b.avg() * duration);
            row.setLong(18, b.oomKills());
            row.addBatch();
          }
          if ((i + 1) % 5000 == 0 || i + 1 == rows) {
            run.executeBatch();
            row.executeBatch();
            c.commit();
          }
        }
      }
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        fillJobSummary(s);
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
      }
    }
    System.out.printf(Locale.ROOT, "seeded %d runs (%d container rows) over %d jobs of %s,"
        + " %d runs for job 0, in %.1f s; database %d MiB%n", rows, 2L * rows, jobs, ORG, big,
        (System.nanoTime() - t0) / 1e9, Files.size(db) >> 20);
  }

  /**
   * The receiver keeps one job_summary row per job as it stores runs (runs.control.JobSummaries);
   * rows seeded behind its back need that row too. Same SQL as its migration V5__FillJobSummary.
   * Skipped on a database from before the table existed.
   */
  static void fillJobSummary(Statement s) throws SQLException {
    try (ResultSet rs = s.executeQuery(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'job_summary'")) {
      rs.next();
      if (rs.getLong(1) == 0) {
        return;
      }
    }
    String timed = "c.cpu_seconds IS NOT NULL AND c.cpu_cores_avg > 0";
    String cpuKnown = "c.cpu_limit_cores IS NOT NULL AND " + timed;
    String memoryKnown =
        "c.memory_limit_bytes IS NOT NULL AND c.memory_bytes_avg IS NOT NULL AND " + timed;
    long t0 = System.nanoTime();
    s.executeUpdate("DELETE FROM job_summary");
    int jobs = s.executeUpdate(
        "INSERT INTO job_summary (organization, repository, workflow, job, run_count, last_run_id,"
            + " last_run_at, cpu_waste_core_seconds, cpu_waste_rows, memory_waste_byte_seconds,"
            + " memory_waste_rows, oom_kills, oom_rows, throttled_rows, max_throttled_ratio)"
            + " SELECT a.organization, a.repository, a.workflow, a.job, a.run_count,"
            + " a.last_run_id, s.received_at, a.cpu_waste, a.cpu_rows, a.memory_waste,"
            + " a.memory_rows, a.oom_kills, a.oom_rows, a.throttled_rows, a.max_ratio FROM ("
            + "SELECT r.organization, r.repository, r.workflow, r.job,"
            + " COUNT(DISTINCT r.id) AS run_count, MAX(r.id) AS last_run_id,"
            + " SUM(CASE WHEN " + cpuKnown
            + " THEN (c.cpu_limit_cores - c.cpu_cores_avg) * c.cpu_seconds / c.cpu_cores_avg"
            + " ELSE 0.0 END) AS cpu_waste,"
            + " SUM(CASE WHEN " + cpuKnown + " THEN 1 ELSE 0 END) AS cpu_rows,"
            + " SUM(CASE WHEN " + memoryKnown
            + " THEN (c.memory_limit_bytes - c.memory_bytes_avg) * c.cpu_seconds / c.cpu_cores_avg"
            + " ELSE 0.0 END) AS memory_waste,"
            + " SUM(CASE WHEN " + memoryKnown + " THEN 1 ELSE 0 END) AS memory_rows,"
            + " SUM(CASE WHEN c.oom_kills > 0 THEN c.oom_kills ELSE 0 END) AS oom_kills,"
            + " SUM(CASE WHEN c.oom_kills > 0 THEN 1 ELSE 0 END) AS oom_rows,"
            + " SUM(CASE WHEN c.cpu_throttled_ratio > 0 THEN 1 ELSE 0 END) AS throttled_rows,"
            + " MAX(c.cpu_throttled_ratio) AS max_ratio"
            + " FROM container_usage c JOIN stored_run r ON r.id = c.stored_run_id"
            + " GROUP BY r.organization, r.repository, r.workflow, r.job) a"
            + " JOIN stored_run s ON s.id = a.last_run_id");
    System.out.printf(Locale.ROOT, "job_summary filled: %d jobs in %.1f s%n", jobs,
        (System.nanoTime() - t0) / 1e9);
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String jobPath(String prefix, String[] s) {
    return prefix + enc(s[0]) + "/" + enc(s[1]) + "/" + enc(s[2]) + "/" + enc(s[3]);
  }

  static void query(String url, int requests, int heavy, int warmup) throws Exception {
    URI base = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
    if (!java.net.InetAddress.getByName(base.getHost()).isLoopbackAddress()) {
      throw new IllegalArgumentException("only loopback URLs are allowed: " + base);
    }
    String token = System.getenv("RECEIVER_READ_TOKEN");
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("set RECEIVER_READ_TOKEN");
    }
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5)).build();
    Random rnd = new Random(13);
    String big = jobPath("/api/v1/sizing/repo/", scope(0));
    time(http, base, token, "plain query, newest 100 runs of a random job", requests, warmup,
        i -> jobPath("/api/v1/metrics/repo/", scope(rnd.nextInt(500))) + "?limit=100");
    time(http, base, token, "sizing, job with 1000 runs, default window (10 runs)", requests,
        warmup, i -> big);
    time(http, base, token, "sizing, job with 1000 runs, runs=1000", heavy, 3,
        i -> big + "?runs=1000");
    time(http, base, token, "organisation view, first page (100 of 500 jobs, cpu_waste)", heavy,
        3, i -> "/api/v1/sizing/repo/" + ORG);
    time(http, base, token, "organisation view, last page (offset=400, sort=memory_waste)",
        heavy, 3, i -> "/api/v1/sizing/repo/" + ORG + "?sort=memory_waste&offset=400");
  }

  static void time(HttpClient http, URI base, String token, String what, int n, int warmup,
      IntFunction<String> path) throws Exception {
    long[] t = new long[n];
    long bytes = 0;
    for (int i = -warmup; i < n; i++) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(base + path.apply(i)))
          .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + token).GET().build();
      long t0 = System.nanoTime();
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      long dt = System.nanoTime() - t0;
      if (response.statusCode() != 200) {
        throw new IllegalStateException(what + ": " + response.statusCode() + " "
            + new String(response.body(), StandardCharsets.UTF_8));
      }
      if (i >= 0) {
        t[i] = dt;
        bytes += response.body().length;
      }
    }
    Arrays.sort(t);
    System.out.printf(Locale.ROOT, "RESULT %-62s n=%4d p50 %8.1f ms  p99 %8.1f ms  max %8.1f ms"
        + "  (%d bytes avg)%n", what, n, pct(t, 50) / 1e6, pct(t, 99) / 1e6, t[n - 1] / 1e6,
        bytes / n);
  }

  static double pct(long[] sorted, double p) {
    double rank = p / 100 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (rank - lo) * (sorted[hi] - sorted[lo]);
  }
}
