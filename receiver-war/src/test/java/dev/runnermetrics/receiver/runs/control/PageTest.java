package dev.runnermetrics.receiver.runs.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.receiver.runs.entity.StoredRunEntity;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

/**
 * The GET's page written from SQLite's bytes is the array the string path writes, byte for byte.
 */
class PageTest {

  @TempDir Path dir;

  private Connection connect() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    return config.createConnection("jdbc:sqlite:" + dir.resolve("runs.db"));
  }

  /** Stores the payloads in {@code scope} and returns the stored runs, newest first. */
  private List<StoredRunEntity> store(Scope scope, List<String> runIds, List<String> payloads)
      throws SQLException {
    List<StoredRunEntity> runs = new ArrayList<>();
    try (Connection connection = connect()) {
      Schema.create(connection);
    }
    try (RunWriter writer = new RunWriter(connect())) {
      for (int i = 0; i < payloads.size(); i++) {
        runs.add(0, writer.submit(scope, runIds.get(i), null, payloads.get(i)).join().run());
      }
    }
    return runs;
  }

  private RunJson.Page page(Connection connection, Scope scope, long before, int limit)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(RunStore.NEWEST)) {
      query.setString(1, scope.organization());
      query.setString(2, scope.repository());
      query.setString(3, scope.workflow());
      query.setString(4, scope.job());
      query.setLong(5, before);
      query.setInt(6, limit);
      try (ResultSet rows = query.executeQuery()) {
        return RunJson.page(scope, rows);
      }
    }
  }

  /** What a page writes, through a stream that records how it was called. */
  private static byte[] written(RunJson.Page page, List<Integer> writes) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) {
            writes.add(1);
            bytes.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) {
            writes.add(len);
            bytes.write(b, off, len);
          }
        };
    page.writeTo(out);
    return bytes.toByteArray();
  }

  @Test
  void writesTheSameBytesAsTheStringPath() throws Exception {
    Scope scope = Scope.of("o\"rg", "ü/re\\po", "ci.yml", "b\"uild");
    List<String> runIds = List.of("r1", "r\"2", "ü🚀\\", "r4");
    List<String> payloads =
        List.of(
            "{\"x\":1.50e1,\"name\":\"ü🚀\"}",
            "{\"duration_seconds\":20.0,\"x\":1e-7}",
            "{\"s\":\"a\\\"b\\u2028\"}",
            "{}");
    List<StoredRunEntity> runs = store(scope, runIds, payloads);
    try (Connection connection = connect()) {
      RunJson.Page page = page(connection, scope, Long.MAX_VALUE, 10);
      List<Integer> writes = new ArrayList<>();
      byte[] json = written(page, writes);
      assertEquals(RunJson.array(runs), new String(json, StandardCharsets.UTF_8));
      assertArrayEquals(json, page.json());
      assertEquals(json.length, page.length());
      assertEquals(4, page.count());
      assertEquals(runs.get(3).getId(), page.lastId());
      assertEquals(List.of(json.length), writes, "a small page goes out in one write");

      RunJson.Page older = page(connection, scope, runs.get(1).getId(), 10);
      assertEquals(
          RunJson.array(runs.subList(2, 4)), new String(older.json(), StandardCharsets.UTF_8));
      assertEquals(runs.get(3).getId(), older.lastId());
    }
  }

  @Test
  void anEmptyPageIsAnEmptyArray() throws Exception {
    Scope scope = Scope.of("org", "org/repo", "ci.yml", "build");
    store(scope, List.of("r1"), List.of("{}"));
    try (Connection connection = connect()) {
      Scope other = Scope.of("org", "org/repo", "ci.yml", "test");
      RunJson.Page page = page(connection, other, Long.MAX_VALUE, 10);
      assertEquals("[]", new String(written(page, new ArrayList<>()), StandardCharsets.UTF_8));
      assertEquals(2, page.length());
      assertEquals(0, page.count());
      assertEquals(0, page.lastId());
    }
  }

  @Test
  void aLargePageGoesOutInChunksWithTheSameBytes() throws Exception {
    Scope scope = Scope.of("org", "org/repo", "ci.yml", "build");
    List<String> runIds = new ArrayList<>();
    List<String> payloads = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      runIds.add("run-" + i);
      // one payload larger than a chunk, the others around the seed's ~5 KB
      int size = i == 30 ? 200_000 : 5_000 + i;
      payloads.add("{\"n\":" + i + ",\"pad\":\"" + "é".repeat(size / 2) + "\"}");
    }
    List<StoredRunEntity> runs = store(scope, runIds, payloads);
    try (Connection connection = connect()) {
      RunJson.Page page = page(connection, scope, Long.MAX_VALUE, 100);
      List<Integer> writes = new ArrayList<>();
      byte[] json = written(page, writes);
      assertEquals(RunJson.array(runs), new String(json, StandardCharsets.UTF_8));
      assertEquals(json.length, page.length());
      assertEquals(60, page.count());
      assertTrue(writes.size() < 20, "chunks, not two writes per run: " + writes);
      assertEquals(json.length, writes.stream().mapToInt(Integer::intValue).sum());
    }
  }
}
