import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * PostgreSQL's own insert rate for the receiver's rows: the yardstick of {@code ENGINE=postgresql
 * bench/ingest.sh}, as {@code SqliteBaseline} is SQLite's.
 *
 * <p>Run with the PostgreSQL JDBC driver the receiver ships; the password comes from {@code
 * PGPASSWORD}:
 *
 * <pre>
 * PGPASSWORD=… java -cp postgresql.jar bench/PostgresBaseline.java \
 *     --url=jdbc:postgresql://127.0.0.1:5432/receiver --user=bench --payloads=/tmp/x/payloads.jsonl
 * </pre>
 *
 * <p>The table is a copy of the receiver's own {@code stored_run} ({@code CREATE TABLE … (LIKE
 * stored_run INCLUDING ALL)}: same columns, identity, indexes), in the receiver's database, so there
 * is no second copy of the DDL to drift. Same rows as the ingest benchmark, one thread, one
 * connection, the server's durability settings (fsync, synchronous_commit) as the receiver gets them.
 *
 * <p>Modes: {@code single}, autocommit INSERT of one row per transaction (the reference for the
 * ratio); {@code tx}, the receiver's transaction shape for one push (BEGIN, SELECT by idempotency
 * key, INSERT … RETURNING id, COMMIT); {@code batchN}, N rows per transaction (what group commit can
 * reach).
 */
public final class PostgresBaseline {

  private static final String USAGE =
      """
      usage: PGPASSWORD=… java -cp postgresql.jar bench/PostgresBaseline.java --url=JDBC --user=NAME --payloads=FILE [options]

        --modes=LIST     default single,tx,batch8
        --seconds=5      measured seconds per mode
        --warmup=1       warm-up seconds per mode
        --jobs=32        scopes the rows are spread over (like IngestBench)
        --count          only print the number of rows in the receiver's stored_run
      """;

  private static final String TABLE = "bench_reference_run";

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String a : args) {
      if (!a.startsWith("--")) {
        System.err.print(USAGE);
        System.exit(2);
      }
      int eq = a.indexOf('=');
      opts.put(eq < 0 ? a.substring(2) : a.substring(2, eq), eq < 0 ? "" : a.substring(eq + 1));
    }
    if (!opts.containsKey("url") || !opts.containsKey("user")) {
      System.err.print(USAGE);
      System.exit(2);
    }
    String password = System.getenv().getOrDefault("PGPASSWORD", "");
    try (Connection c = DriverManager.getConnection(opts.get("url"), opts.get("user"), password)) {
      if (opts.containsKey("count")) {
        try (Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT count(*) FROM stored_run")) {
          rs.next();
          System.out.println(rs.getLong(1));
        }
        return;
      }
      if (!opts.containsKey("payloads")) {
        System.err.print(USAGE);
        System.exit(2);
      }
      List<String> payloads =
          Files.readAllLines(Path.of(opts.get("payloads")), StandardCharsets.UTF_8).stream()
              .filter(l -> !l.isBlank())
              .toList();
      double seconds = Double.parseDouble(opts.getOrDefault("seconds", "5"));
      double warmup = Double.parseDouble(opts.getOrDefault("warmup", "1"));
      int jobs = Integer.parseInt(opts.getOrDefault("jobs", "32"));
      if (payloads.isEmpty() || seconds <= 0 || seconds > 600 || warmup < 0 || jobs < 1) {
        throw new IllegalArgumentException("payloads needed; seconds (0, 600], warmup ≥ 0, jobs ≥ 1");
      }
      System.out.printf(
          Locale.ROOT,
          "# PostgresBaseline: %s, %s, fsync=%s synchronous_commit=%s, %d scopes,"
              + " warm-up %.1f s + measured %.1f s per mode, single thread%n",
          opts.get("url"),
          setting(c, "server_version"),
          setting(c, "fsync"),
          setting(c, "synchronous_commit"),
          jobs,
          warmup,
          seconds);
      for (String mode : opts.getOrDefault("modes", "single,tx,batch8").split(",")) {
        Result r = run(c, mode.strip(), payloads, jobs, warmup, seconds);
        System.out.printf(
            Locale.ROOT,
            "BASELINE mode=%s rows_per_tx=%d commits_per_s=%.1f rows_per_s=%.1f"
                + " commit_p50_ms=%.3f commit_p99_ms=%.3f rows=%d seconds=%.2f%n",
            mode.strip(),
            r.rowsPerTx,
            r.commits / r.seconds,
            r.rows / r.seconds,
            r.percentileMs(50),
            r.percentileMs(99),
            r.rows,
            r.seconds);
        System.out.flush();
      }
      try (Statement s = c.createStatement()) {
        s.execute("DROP TABLE IF EXISTS " + TABLE);
      }
    }
  }

  static final class Result {
    int rowsPerTx;
    long rows;
    long commits;
    double seconds;
    long[] latencies = new long[1 << 14];
    int n;

    void add(long nanos) {
      if (n == latencies.length) {
        latencies = Arrays.copyOf(latencies, n * 2);
      }
      latencies[n++] = nanos;
    }

    double percentileMs(double p) {
      if (n == 0) {
        return Double.NaN;
      }
      long[] sorted = Arrays.copyOf(latencies, n);
      Arrays.sort(sorted);
      double h = (n - 1) * p / 100.0;
      int lo = (int) Math.floor(h);
      int hi = Math.min(n - 1, lo + 1);
      return (sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo])) / 1e6;
    }
  }

  static Result run(
      Connection c, String mode, List<String> payloads, int jobs, double warmup, double seconds)
      throws SQLException {
    boolean receiverShape = mode.equals("tx");
    int rowsPerTx =
        switch (mode) {
          case "single", "tx" -> 1;
          default -> {
            if (!mode.startsWith("batch")) {
              throw new IllegalArgumentException("unknown mode " + mode + " (single, tx, batchN)");
            }
            yield Integer.parseInt(mode.substring(5));
          }
        };
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE IF EXISTS " + TABLE);
      s.execute("CREATE TABLE " + TABLE + " (LIKE stored_run INCLUDING ALL)");
    }
    Result r = new Result();
    r.rowsPerTx = rowsPerTx;
    String insertSql =
        "INSERT INTO "
            + TABLE
            + " (organization, repository, workflow, job, run_id, received_at, idempotency_key,"
            + " payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";
    String findSql =
        "SELECT id FROM "
            + TABLE
            + " WHERE organization = ? AND repository = ? AND workflow = ? AND job = ?"
            + " AND idempotency_key = ?";
    boolean autocommit = rowsPerTx == 1 && !receiverShape;
    c.setAutoCommit(autocommit);
    try (PreparedStatement insert = c.prepareStatement(insertSql);
        PreparedStatement find = c.prepareStatement(findSql)) {
      ThreadLocalRandom rnd = ThreadLocalRandom.current();
      long start = System.nanoTime();
      long measureFrom = start + (long) (warmup * 1e9);
      long stopAt = measureFrom + (long) (seconds * 1e9);
      long seq = 0;
      long measuredFrom = -1;
      long lastEnd = measureFrom;
      while (true) {
        long t0 = System.nanoTime();
        if (t0 >= stopAt) {
          break;
        }
        for (int i = 0; i < rowsPerTx; i++) {
          long k = seq++;
          String job = "job-" + (k % jobs);
          String key = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
          if (receiverShape) {
            find.setString(1, "bench-org");
            find.setString(2, "bench-org/bench-repo");
            find.setString(3, "ci.yml");
            find.setString(4, job);
            find.setString(5, key);
            try (ResultSet rs = find.executeQuery()) {
              if (rs.next()) {
                throw new IllegalStateException("duplicate key " + key);
              }
            }
          }
          insert.setString(1, "bench-org");
          insert.setString(2, "bench-org/bench-repo");
          insert.setString(3, "ci.yml");
          insert.setString(4, job);
          insert.setString(5, "baseline-" + k);
          insert.setLong(6, System.currentTimeMillis());
          insert.setString(7, key);
          insert.setString(8, payloads.get((int) (k % payloads.size())));
          try (ResultSet rs = insert.executeQuery()) {
            rs.next();
          }
        }
        if (!autocommit) {
          c.commit();
        }
        long t1 = System.nanoTime();
        if (t0 >= measureFrom) {
          if (measuredFrom < 0) {
            measuredFrom = t0;
          }
          r.rows += rowsPerTx;
          r.commits++;
          r.add(t1 - t0);
          lastEnd = t1;
        }
      }
      r.seconds = Math.max(1e-9, (lastEnd - (measuredFrom < 0 ? lastEnd : measuredFrom)) / 1e9);
    }
    c.setAutoCommit(true);
    return r;
  }

  static String setting(Connection c, String name) throws SQLException {
    try (PreparedStatement p = c.prepareStatement("SELECT current_setting(?)")) {
      p.setString(1, name);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? rs.getString(1) : "?";
      }
    }
  }
}
