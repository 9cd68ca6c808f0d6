package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.receiver.runs.control.RunStore;
import dev.runnermetrics.receiver.runs.entity.Run;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import java.util.ArrayList;
import java.util.List;

/**
 * The container rows of a job's newest runs as the sizing method reads them. The stored container
 * rows lack the run's duration, sample count and the cgroup's per-tick memory, so each run's stored
 * payload (validated when it was pushed) is bound once with the contract's own JSON-B and mapped by
 * {@link ContainerRun#of}; the run's arrival time orders the runs, as the store does.
 */
@ApplicationScoped
public class JobHistory {

  private static final Jsonb JSONB = ContractJson.create();

  @Inject RunStore store;

  /** The rows of the {@code runs} newest runs of {@code scope}, newest run first. */
  public List<ContainerRun> recent(Scope scope, int runs) {
    List<ContainerRun> rows = new ArrayList<>();
    for (Run run : store.newest(scope, Long.MAX_VALUE, runs)) {
      RunSummary summary = JSONB.fromJson(run.getPayload(), RunSummary.class);
      if (summary.containers() == null) {
        continue;
      }
      for (ContainerSummary container : summary.containers()) {
        rows.add(ContainerRun.of(run.getRunId(), run.getReceivedAt(), summary, container));
      }
    }
    return rows;
  }
}
