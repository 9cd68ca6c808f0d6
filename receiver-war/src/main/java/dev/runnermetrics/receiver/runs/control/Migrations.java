package dev.runnermetrics.receiver.runs.control;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the schema to the version this receiver needs, before anything reads or writes: Flyway
 * with one folder of SQL migrations per engine, {@link V3__FillContainerUsage} and {@link
 * V5__FillJobSummary}. A database of the releases before migrations (its tables, no history) is
 * baselined at version 1, whose DDL it already has, and upgraded from there.
 */
public final class Migrations {

  private Migrations() {}

  /** Migrates {@code target}; returns the schema version reached. */
  public static String migrate(DatabaseTarget target) {
    MigrateResult result =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(target.url(), target.user(), target.password())
            .locations(target.migrations())
            .javaMigrations(new V3__FillContainerUsage(), new V5__FillJobSummary())
            .baselineOnMigrate(true)
            .baselineVersion("1")
            .load()
            .migrate();
    return result.targetSchemaVersion == null
        ? result.initialSchemaVersion
        : result.targetSchemaVersion;
  }
}
