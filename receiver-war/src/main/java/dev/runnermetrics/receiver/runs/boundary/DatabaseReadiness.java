package dev.runnermetrics.receiver.runs.boundary;

import dev.runnermetrics.receiver.runs.control.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers a query on the runs table and the writer's last commit went
 * through: a database that stopped taking writes (read-only, disk full, …) is DOWN until a commit
 * succeeds again.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

  @Inject Database database;

  @Override
  public HealthCheckResponse call() {
    boolean up;
    try {
      up = database.ping() && database.writeHealth().lastFailure().isEmpty();
    } catch (RuntimeException e) {
      up = false;
    }
    return HealthCheckResponse.named("database").status(up).build();
  }
}
