package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.Pressure;
import dev.runnermetrics.common.summary.PressureStall;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.common.summary.Stats;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Fills {@code container_usage} from the payloads that runs stored before the table existed. Its
 * SQL is frozen here on purpose: a migration must do tomorrow what it did today, whatever the
 * entities become. A payload the contract cannot read gets no rows (and a log line), never a guess.
 */
public class V3__FillContainerUsage extends BaseJavaMigration {

  private static final Logger LOG = Logger.getLogger(V3__FillContainerUsage.class.getName());

  private static final int PAGE = 500;

  static final String INSERT =
      "INSERT INTO container_usage (stored_run_id, name,"
          + " cpu_cores_peak, cpu_cores_avg, cpu_cores_p50, cpu_cores_p75, cpu_cores_p95,"
          + " cpu_cores_p99, memory_bytes_peak, memory_bytes_avg, memory_bytes_p50,"
          + " memory_bytes_p75, memory_bytes_p95, memory_bytes_p99, cpu_limit_cores,"
          + " cpu_limit_source, memory_limit_bytes, memory_limit_source, memory_high_bytes,"
          + " cpu_seconds, cpu_source, cgroup_memory_peak_bytes, oom_kills, memory_near_limit,"
          + " cpu_periods, cpu_throttled_periods, cpu_throttled_seconds, cpu_throttled_ratio,"
          + " cpu_pressure_some_seconds, cpu_pressure_full_seconds, memory_pressure_some_seconds,"
          + " memory_pressure_full_seconds, io_pressure_some_seconds, io_pressure_full_seconds)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    long after = 0;
    int runs = 0;
    int rows = 0;
    try (Jsonb jsonb = ContractJson.create();
        PreparedStatement page =
            connection.prepareStatement(
                "SELECT id, payload FROM stored_run WHERE id > ? ORDER BY id LIMIT " + PAGE);
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      while (true) {
        page.setLong(1, after);
        List<Long> ids = new ArrayList<>();
        List<String> payloads = new ArrayList<>();
        try (ResultSet result = page.executeQuery()) {
          while (result.next()) {
            ids.add(result.getLong(1));
            payloads.add(result.getString(2));
          }
        }
        if (ids.isEmpty()) {
          break;
        }
        for (int i = 0; i < ids.size(); i++) {
          long id = ids.get(i);
          after = id;
          RunSummary summary;
          try {
            summary = jsonb.fromJson(payloads.get(i), RunSummary.class);
          } catch (JsonbException | ArithmeticException | NumberFormatException e) {
            LOG.warning(
                () -> "run " + id + ": payload is not a readable summary, no container rows");
            continue;
          }
          if (summary == null || summary.containers() == null) {
            continue;
          }
          runs++;
          for (ContainerSummary container : summary.containers()) {
            if (container == null || container.name() == null) {
              continue;
            }
            bind(insert, id, container);
            insert.addBatch();
            rows++;
          }
        }
        insert.executeBatch();
      }
    }
    int filled = runs;
    int written = rows;
    LOG.info(() -> "container rows filled from stored payloads: " + filled + " runs, " + written);
  }

  private static void bind(PreparedStatement insert, long runId, ContainerSummary c)
      throws SQLException {
    int i = 1;
    insert.setLong(i++, runId);
    insert.setString(i++, c.name());
    i = stats(insert, i, c.cpuCores());
    i = stats(insert, i, c.memoryBytes());
    i = set(insert, i, c.cpuLimitCores());
    i = set(insert, i, c.cpuLimitSource());
    i = set(insert, i, c.memoryLimitBytes());
    i = set(insert, i, c.memoryLimitSource());
    i = set(insert, i, c.memoryHighBytes());
    i = set(insert, i, c.cpuSeconds());
    i = set(insert, i, c.cpuSource());
    i = set(insert, i, c.cgroupMemoryPeakBytes());
    i = set(insert, i, c.oomKills());
    i = set(insert, i, c.memoryNearLimit());
    i = set(insert, i, c.cpuPeriods());
    i = set(insert, i, c.cpuThrottledPeriods());
    i = set(insert, i, c.cpuThrottledSeconds());
    i = set(insert, i, c.cpuThrottledRatio());
    Pressure p = c.pressure();
    for (PressureStall stall :
        new PressureStall[] {
          p == null ? null : p.cpu(), p == null ? null : p.memory(), p == null ? null : p.io()
        }) {
      i = set(insert, i, stall == null ? null : stall.someSeconds());
      i = set(insert, i, stall == null ? null : stall.fullSeconds());
    }
  }

  private static int stats(PreparedStatement insert, int i, Stats stats) throws SQLException {
    Double[] figures =
        stats == null
            ? new Double[6]
            : new Double[] {
              stats.peak(), stats.avg(), stats.p50(), stats.p75(), stats.p95(), stats.p99()
            };
    for (Double figure : figures) {
      i = set(insert, i, figure);
    }
    return i;
  }

  private static int set(PreparedStatement insert, int i, Object value) throws SQLException {
    if (value == null) {
      insert.setNull(i, Types.NULL);
    } else {
      insert.setObject(i, value);
    }
    return i + 1;
  }
}
