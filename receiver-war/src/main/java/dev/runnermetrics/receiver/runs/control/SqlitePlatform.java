package dev.runnermetrics.receiver.runs.control;

import org.eclipse.persistence.platform.database.DatabasePlatform;
import org.eclipse.persistence.queries.ValueReadQuery;

/**
 * EclipseLink has no SQLite platform: this one makes IDENTITY ids come from {@code
 * last_insert_rowid()} instead of a silent SEQUENCE table. The schema itself is created by {@link
 * Schema}.
 */
public class SqlitePlatform extends DatabasePlatform {

  private static final long serialVersionUID = 1L;

  @Override
  public boolean supportsIdentity() {
    return true;
  }

  @Override
  public ValueReadQuery buildSelectQueryForIdentity() {
    return new ValueReadQuery("SELECT last_insert_rowid()");
  }

  @Override
  public boolean supportsForeignKeyConstraints() {
    return false;
  }

  @Override
  public boolean supportsSequenceObjects() {
    return false;
  }
}
