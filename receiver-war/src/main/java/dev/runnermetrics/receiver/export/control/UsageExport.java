package dev.runnermetrics.receiver.export.control;

import dev.runnermetrics.common.scope.Scope;
import dev.runnermetrics.common.summary.ContainerSummary;
import dev.runnermetrics.common.summary.ContractJson;
import dev.runnermetrics.common.summary.RunSummary;
import dev.runnermetrics.receiver.runs.control.Database;
import dev.runnermetrics.receiver.runs.control.RunStore;
import dev.runnermetrics.receiver.runs.entity.Run;
import dev.runnermetrics.receiver.sizing.control.SizingAdvisor;
import dev.runnermetrics.receiver.sizing.control.SizingParameters;
import dev.runnermetrics.receiver.sizing.entity.ContainerAdvice;
import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.SizingAdvice;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbException;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Each job's latest figures per container, with the sizing advice over its recent runs (the default
 * window of {@link SizingParameters#DEFAULTS}), for the Prometheus export.
 */
@ApplicationScoped
public class UsageExport {

  private static final Logger LOG = Logger.getLogger(UsageExport.class.getName());

  private static final Jsonb JSONB = ContractJson.create();

  @Inject Database database;

  @Inject RunStore store;

  /** Every job's rows, jobs in the database's order of scope. */
  public List<JobUsage> collect() {
    List<JobUsage> rows = new ArrayList<>();
    for (Scope job : jobs()) {
      rows.addAll(of(job, store.newest(job, Long.MAX_VALUE, SizingParameters.DEFAULTS.runs())));
    }
    return rows;
  }

  private List<Scope> jobs() {
    EntityManager em = database.entityManager();
    try {
      return em
          .createQuery(
              "SELECT DISTINCT r.organization, r.repository, r.workflow, r.job FROM Run r"
                  + " ORDER BY r.organization, r.repository, r.workflow, r.job",
              Object[].class)
          .getResultList()
          .stream()
          .map(c -> new Scope((String) c[0], (String) c[1], (String) c[2], (String) c[3]))
          .toList();
    } finally {
      em.close();
    }
  }

  /** The rows of one job from its runs, newest first. */
  static List<JobUsage> of(Scope job, List<Run> newestFirst) {
    List<ContainerRun> window = new ArrayList<>();
    Run latest = null;
    RunSummary latestSummary = null;
    for (Run run : newestFirst) {
      Optional<RunSummary> summary = summary(run);
      if (summary.isEmpty()) {
        continue;
      }
      if (latest == null) {
        latest = run;
        latestSummary = summary.get();
      }
      for (ContainerSummary c : summary.get().containers()) {
        window.add(ContainerRun.of(run.getRunId(), run.getReceivedAt(), summary.get(), c));
      }
    }
    if (latest == null) {
      return List.of();
    }
    SizingAdvice advice = SizingAdvisor.advise(window, SizingParameters.DEFAULTS);
    List<JobUsage> rows = new ArrayList<>();
    for (ContainerSummary c : latestSummary.containers()) {
      ContainerRun figures =
          ContainerRun.of(latest.getRunId(), latest.getReceivedAt(), latestSummary, c);
      Optional<ContainerAdvice> advised = advice.container(c.name());
      rows.add(
          new JobUsage(
              job,
              c.name(),
              latest.getReceivedAt(),
              c.cpuCores().p95(),
              c.cpuCores().peak(),
              (double) figures.memoryPeak(),
              c.cpuLimitCores(),
              c.memoryLimitBytes(),
              c.oomKills(),
              c.cpuThrottledRatio(),
              advised.map(ContainerAdvice::cpuRequestCores).orElse(null),
              advised.map(ContainerAdvice::memoryRequestBytes).orElse(null)));
    }
    return rows;
  }

  private static Optional<RunSummary> summary(Run run) {
    try {
      return Optional.ofNullable(JSONB.fromJson(run.getPayload(), RunSummary.class));
    } catch (JsonbException e) {
      LOG.log(Level.WARNING, "export: the payload of run " + run.getRunId() + " is unreadable", e);
      return Optional.empty();
    }
  }
}
