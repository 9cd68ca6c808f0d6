package dev.runnermetrics.receiver.runs.control;

import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.receiver.it.Bodies;
import jakarta.json.bind.Jsonb;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Opens the receiver's {@link Database} outside the server, on a real SQLite file or PostgreSQL.
 */
final class Databases {

  private static final Jsonb JSONB = ContractJson.create();

  private Databases() {}

  /** The receiver's database on the SQLite file {@code file}, migrated and open. */
  static Database sqlite(Path file) throws Exception {
    return open(file.toString(), Optional.empty(), Optional.empty());
  }

  /** The receiver's database at {@code url} with the credentials given, migrated and open. */
  static Database open(String url, Optional<String> user, Optional<String> password)
      throws Exception {
    Database database = new Database();
    database.db = url;
    database.user = user;
    database.password = password;
    database.passwordFile = Optional.empty();
    database.synchronous = "FULL";
    database.busyTimeoutMillis = 10_000;
    database.open();
    return database;
  }

  /** A store on {@code database}. */
  static RunStore store(Database database) {
    RunStore store = new RunStore();
    store.database = database;
    return store;
  }

  /** {@code payload} (JSON text) bound as the push reader binds it. */
  static RunSummary summary(String payload) {
    return JSONB.fromJson(payload, RunSummary.class);
  }

  /** The test payload of the ITs, bound. */
  static RunSummary summary() {
    return summary(Bodies.PAYLOAD);
  }
}
