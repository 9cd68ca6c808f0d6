import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * SQLite's own insert rate for the receiver's rows (issue 6, item 1): the yardstick the ingest
 * benchmark is compared with.
 *
 * <p>Run with the sqlite-jdbc jar the receiver ships:
 *
 * <pre>
 * java -cp ~/.m2/repository/org/xerial/sqlite-jdbc/3.54.1.0/sqlite-jdbc-3.54.1.0.jar \
 *     bench/SqliteBaseline.java --db=/tmp/x/baseline.db --payloads=/tmp/x/payloads.jsonl \
 *         --schema-from=/tmp/x/receiver.db
 * </pre>
 *
 * <p>The table and its indexes are the receiver's own, copied from a database the receiver created
 * ({@code --schema-from}): no second copy of the DDL here to drift from {@code Schema.java}.
 * Same rows as the ingest benchmark (scope, run_id, received_at millis, a fresh Idempotency-Key,
 * the same generated ~5 KB payload JSON), WAL, one thread, one connection. Each mode starts on a
 * fresh file, warms up, then runs for a bounded time (and at most {@code --max-rows}).
 *
 * <p>Modes:
 *
 * <ul>
 *   <li>{@code full}: autocommit INSERT (one row per transaction), synchronous=FULL — the reference
 *       for the ratio;
 *   <li>{@code normal}: the same at synchronous=NORMAL (what the faster setting buys);
 *   <li>{@code full-tx}: the receiver's current transaction shape at FULL: BEGIN, SELECT by
 *       idempotency key, INSERT, SELECT last_insert_rowid(), COMMIT;
 *   <li>{@code full-batchN}: N rows per transaction at FULL (what group commit could reach).
 * </ul>
 */
public final class SqliteBaseline {

  private static final String USAGE =
      """
      usage: java -cp sqlite-jdbc.jar bench/SqliteBaseline.java --db=FILE --payloads=FILE --schema-from=FILE [options]

        --db=FILE            scratch database file; it and its -wal/-shm are deleted and recreated
                             for every mode (refused if FILE exists and is not a SQLite file)
        --payloads=FILE      payload JSON, one per line (java bench/IngestBench.java --write-samples=FILE)
        --schema-from=FILE   a database the receiver created: its table and index DDL are copied
                             (opened read only)
        --modes=LIST         default full,normal,full-tx,full-batch8
        --seconds=5          measured seconds per mode (default 5)
        --warmup=1           warm-up seconds per mode (default 1)
        --max-rows=N         hard cap of rows per mode (default 1000000)
        --jobs=32            scopes the rows are spread over (default 32, like IngestBench)
        --keep               keep the last file instead of deleting it at the end
        --count=FILE         only print the number of rows in stored_run of FILE (read only)
      """;

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
    if (opts.containsKey("count")) {
      // Helper for the scripts: rows in stored_run of a receiver database (opened read only).
      try (Connection c =
              DriverManager.getConnection(
                  "jdbc:sqlite:file:" + Path.of(opts.get("count")).toAbsolutePath() + "?mode=ro");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM stored_run")) {
        rs.next();
        System.out.println(rs.getLong(1));
      }
      return;
    }
    if (opts.containsKey("help")
        || !opts.containsKey("db")
        || !opts.containsKey("payloads")
        || !opts.containsKey("schema-from")) {
      System.err.print(USAGE);
      System.exit(opts.containsKey("help") ? 0 : 2);
    }
    Path db = Path.of(opts.get("db")).toAbsolutePath();
    List<String> payloads =
        Files.readAllLines(Path.of(opts.get("payloads")), StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList();
    if (payloads.isEmpty()) {
      throw new IllegalArgumentException("no payloads in " + opts.get("payloads"));
    }
    List<String> ddl = schemaOf(Path.of(opts.get("schema-from")));
    String ddlSource = "sqlite_master of " + opts.get("schema-from");
    double seconds = Double.parseDouble(opts.getOrDefault("seconds", "5"));
    double warmup = Double.parseDouble(opts.getOrDefault("warmup", "1"));
    long maxRows = Long.parseLong(opts.getOrDefault("max-rows", "1000000"));
    int jobs = Integer.parseInt(opts.getOrDefault("jobs", "32"));
    if (seconds <= 0 || seconds > 600 || warmup < 0 || warmup > 60 || jobs < 1) {
      throw new IllegalArgumentException("seconds must be (0, 600], warmup [0, 60], jobs ≥ 1");
    }
    List<String> modes =
        Arrays.stream(opts.getOrDefault("modes", "full,normal,full-tx,full-batch8").split(","))
            .map(String::strip)
            .filter(s -> !s.isEmpty())
            .toList();

    long payloadBytes = 0;
    for (String p : payloads) {
      payloadBytes += p.getBytes(StandardCharsets.UTF_8).length;
    }
    System.out.printf(
        Locale.ROOT,
        "# SqliteBaseline: %s, sqlite %s, schema from %s, payload avg %d bytes, %d scopes,"
            + " warm-up %.1f s + measured %.1f s per mode, single thread%n",
        db,
        sqliteVersion(),
        ddlSource,
        payloadBytes / payloads.size(),
        jobs,
        warmup,
        seconds);
    System.out.printf(
        Locale.ROOT,
        "%-12s %-8s %7s %11s %10s %9s %9s %9s%n",
        "mode",
        "sync",
        "rows/tx",
        "commits/s",
        "rows/s",
        "p50 ms",
        "p99 ms",
        "max ms");
    for (String mode : modes) {
      Mode m = Mode.parse(mode);
      Result r = run(db, ddl, payloads, jobs, m, warmup, seconds, maxRows);
      System.out.printf(
          Locale.ROOT,
          "%-12s %-8s %7d %11.1f %10.1f %9.3f %9.3f %9.3f%n",
          mode,
          r.synchronous,
          m.rowsPerTx,
          r.commits / r.seconds,
          r.rows / r.seconds,
          r.percentileMs(50),
          r.percentileMs(99),
          r.percentileMs(100));
      System.out.printf(
          Locale.ROOT,
          "BASELINE mode=%s synchronous=%s journal_mode=%s rows_per_tx=%d commits_per_s=%.1f"
              + " rows_per_s=%.1f commit_p50_ms=%.3f commit_p99_ms=%.3f rows=%d seconds=%.2f%n",
          mode,
          r.synchronous,
          r.journalMode,
          m.rowsPerTx,
          r.commits / r.seconds,
          r.rows / r.seconds,
          r.percentileMs(50),
          r.percentileMs(99),
          r.rows,
          r.seconds);
      System.out.flush();
    }
    if (!opts.containsKey("keep")) {
      deleteDb(db);
    }
  }

  /** What one mode does per transaction. */
  record Mode(String synchronous, int rowsPerTx, boolean receiverShape) {
    static Mode parse(String name) {
      return switch (name) {
        case "full" -> new Mode("FULL", 1, false);
        case "normal" -> new Mode("NORMAL", 1, false);
        case "full-tx" -> new Mode("FULL", 1, true);
        case "normal-tx" -> new Mode("NORMAL", 1, true);
        default -> {
          if (name.startsWith("full-batch") || name.startsWith("normal-batch")) {
            String sync = name.startsWith("full") ? "FULL" : "NORMAL";
            int n = Integer.parseInt(name.substring(name.indexOf("batch") + 5));
            if (n < 1 || n > 10_000) {
              throw new IllegalArgumentException("batch size must be 1..10000: " + name);
            }
            yield new Mode(sync, n, false);
          }
          throw new IllegalArgumentException(
              "unknown mode " + name + " (full, normal, full-tx, normal-tx, full-batchN, normal-batchN)");
        }
      };
    }
  }

  static final class Result {
    String synchronous;
    String journalMode;
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
      Path db,
      List<String> ddl,
      List<String> payloads,
      int jobs,
      Mode mode,
      double warmup,
      double seconds,
      long maxRows)
      throws SQLException, IOException {
    deleteDb(db);
    Result r = new Result();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=" + mode.synchronous);
        for (String sql : ddl) {
          s.execute(sql);
        }
        r.journalMode = pragma(s, "journal_mode");
        r.synchronous = switch (pragma(s, "synchronous")) {
          case "0" -> "OFF";
          case "1" -> "NORMAL";
          case "2" -> "FULL";
          case "3" -> "EXTRA";
          default -> "?";
        };
      }
      String insertSql =
          "INSERT INTO stored_run (organization, repository, workflow, job, run_id, received_at,"
              + " idempotency_key, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
      String findSql =
          "SELECT id FROM stored_run WHERE organization = ? AND repository = ? AND workflow = ?"
              + " AND job = ? AND idempotency_key = ?";
      try (PreparedStatement insert = c.prepareStatement(insertSql);
          PreparedStatement find = c.prepareStatement(findSql);
          PreparedStatement lastId = c.prepareStatement("SELECT last_insert_rowid()")) {
        boolean autocommit = mode.rowsPerTx == 1 && !mode.receiverShape;
        c.setAutoCommit(autocommit);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmup * 1e9);
        long stopAt = measureFrom + (long) (seconds * 1e9);
        long seq = 0;
        long measuredFrom = -1;
        long lastEnd = measureFrom;
        while (true) {
          long t0 = System.nanoTime();
          if (t0 >= stopAt || r.rows >= maxRows) {
            break;
          }
          for (int i = 0; i < mode.rowsPerTx; i++) {
            long k = seq++;
            String job = "job-" + (k % jobs);
            String key = new UUID(rnd.nextLong(), rnd.nextLong()).toString();
            if (mode.receiverShape) {
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
            insert.executeUpdate();
            if (mode.receiverShape) {
              try (ResultSet rs = lastId.executeQuery()) {
                rs.next();
              }
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
            r.rows += mode.rowsPerTx;
            r.commits++;
            r.add(t1 - t0);
            lastEnd = t1;
          }
        }
        r.seconds = Math.max(1e-9, (lastEnd - (measuredFrom < 0 ? lastEnd : measuredFrom)) / 1e9);
      }
    }
    return r;
  }

  static String pragma(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      return rs.next() ? rs.getString(1) : "?";
    }
  }

  static String sqliteVersion() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
      return rs.next() ? rs.getString(1) : "?";
    }
  }

  /** The receiver's table and index DDL, read from a database it created (opened read only). */
  static List<String> schemaOf(Path source) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:file:" + source.toAbsolutePath() + "?mode=ro");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'"
                    + " ORDER BY CASE type WHEN 'table' THEN 0 ELSE 1 END, rowid")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    if (out.stream().noneMatch(sql -> sql.toUpperCase(Locale.ROOT).contains("TABLE STORED_RUN"))) {
      throw new IllegalStateException("no stored_run table in " + source);
    }
    return out;
  }

  /** Deletes the scratch database, refusing anything that is not SQLite (a typo must not hurt). */
  static void deleteDb(Path db) throws IOException {
    if (Files.exists(db) && Files.size(db) > 0) {
      byte[] head = new byte[16];
      try (var in = Files.newInputStream(db)) {
        int n = in.readNBytes(head, 0, 16);
        if (n < 16 || !new String(head, 0, 15, StandardCharsets.US_ASCII).equals("SQLite format 3")) {
          throw new IOException("refusing to delete " + db + ": not a SQLite database");
        }
      }
    }
    Files.deleteIfExists(db);
    Files.deleteIfExists(Path.of(db + "-wal"));
    Files.deleteIfExists(Path.of(db + "-shm"));
    Files.deleteIfExists(Path.of(db + "-journal"));
  }
}
