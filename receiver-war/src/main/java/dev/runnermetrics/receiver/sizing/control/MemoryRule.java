package dev.runnermetrics.receiver.sizing.control;

import dev.runnermetrics.receiver.sizing.entity.ContainerRun;
import dev.runnermetrics.receiver.sizing.entity.Reason;
import dev.runnermetrics.receiver.sizing.entity.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Memory advice, request = limit. Basis: the highest peak over the clean runs, from the cgroup's
 * own figure where the run has it (what the OOM killer compares), else the RSS sum. Limit: basis ×
 * (1 + headroom) rounded up to 16 MiB, and at least the {@link OomBump} of the window. At most the
 * ceiling. A clean run within 5 % of its limit is reported, not bumped: the headroom already lifts
 * the advice above its peak, and a floor at the old limit would let a lighter run raise the advice.
 * No outlier is ever left out: an outlier in memory is a run the kernel would kill.
 */
final class MemoryRule {

  static final double NEAR_LIMIT = 0.95;

  /** The source of the memory figures used. */
  static final String CGROUP = "cgroup";

  static final String RSS = "rss";
  static final String MIXED = "mixed";

  /** What the rule found and advises; a figure it cannot give is null. */
  record Result(Long basis, Long limit, String source, List<Reason> reasons) {}

  private MemoryRule() {}

  /**
   * @param clean the complete runs without OOM kills, newest first
   * @param all every run of the container in the window, newest first
   */
  static Result advise(
      List<ContainerRun> clean, List<ContainerRun> all, SizingParameters parameters) {
    List<Reason> reasons = new ArrayList<>();
    long ceiling = parameters.memoryCeilingBytes();
    double wanted = 0;
    Long basis = null;
    if (!clean.isEmpty()) {
      basis = clean.stream().mapToLong(ContainerRun::memoryPeak).max().orElseThrow();
      wanted = basis * (1 + parameters.headroomFor(clean.size()));
    }
    ContainerRun tight = null;
    for (ContainerRun run : clean) {
      if (run.memoryLimitBytes() != null
          && nearLimit(run)
          && (tight == null || run.memoryLimitBytes() > tight.memoryLimitBytes())) {
        tight = run;
      }
    }
    if (tight != null) {
      reasons.add(
          Reason.of(
              ReasonCode.MEMORY_NEAR_LIMIT,
              "run "
                  + tight.runId()
                  + " peaked at "
                  + Amounts.bytes(tight.memoryPeak())
                  + ", within 5 % of its limit of "
                  + Amounts.bytes(tight.memoryLimitBytes())
                  + ": it only just fitted (the kernel may have reclaimed cache to stay under it),"
                  + " so its real need may be higher than the peak shows"));
    }

    Optional<OomBump> oom = OomBump.of(all);
    double bump = oom.map(OomBump::bytes).orElse(0.0);
    if (oom.isPresent()) {
      ContainerRun newestOom = oom.get().newest();
      reasons.add(
          Reason.of(
              ReasonCode.OOM_KILLED,
              Amounts.runs(oom.get().runs().size())
                  + " OOM-killed in the window (the newest, "
                  + newestOom.runId()
                  + (newestOom.memoryLimitBytes() == null
                      ? ", with no known limit, peaked at " + Amounts.bytes(newestOom.memoryPeak())
                      : ", at a limit of " + Amounts.bytes(newestOom.memoryLimitBytes()))
                  + "): left out, and memory raised to at least "
                  + Amounts.bytes(Math.min(bump, ceiling))
                  + " by the OOM rule, max(1.2 × L, L + 100 MiB) of the limit L each hit"));
      if (oom.get().longestRow() > 1) {
        reasons.add(
            Reason.of(
                ReasonCode.OOM_REPEATED,
                oom.get().longestRow()
                    + " runs in a row were OOM-killed: the OOM bump doubles for each one after"
                    + " the first, to "
                    + Amounts.bytes(Math.min(bump, ceiling))));
      }
    }
    wanted = Math.max(wanted, bump);
    Long limit = null;
    if (!clean.isEmpty() || oom.isPresent()) {
      limit = Steps.memory(wanted, ceiling);
      if (wanted > ceiling) {
        reasons.add(
            Reason.of(
                ReasonCode.MEMORY_CEILING,
                "the advice of "
                    + Amounts.bytes(wanted)
                    + " was cut to the memory ceiling of "
                    + Amounts.bytes(ceiling)));
      }
    }
    List<ContainerRun> measured =
        clean.isEmpty() ? oom.map(OomBump::runs).orElse(List.of()) : clean;
    long withCgroup = measured.stream().filter(ContainerRun::hasCgroupMemory).count();
    String source =
        measured.isEmpty()
            ? null
            : withCgroup == measured.size() ? CGROUP : withCgroup == 0 ? RSS : MIXED;
    if (source != null && !CGROUP.equals(source)) {
      reasons.add(
          Reason.of(
              ReasonCode.MEMORY_FROM_RSS,
              (measured.size() - withCgroup)
                  + " of "
                  + Amounts.runs(measured.size())
                  + " lack the cgroup's own memory figure (older collector or no readable"
                  + " cgroup): their RSS sum stands in, which leaves out page cache the kernel"
                  + " counts against the limit"));
    }
    if (all.stream().anyMatch(r -> r.oomKills() == null)) {
      reasons.add(
          Reason.of(
              ReasonCode.OOM_UNKNOWN,
              Amounts.runs(all.stream().filter(r -> r.oomKills() == null).count())
                  + " from a collector without OOM counters: an OOM kill there"
                  + " cannot be seen"));
    }
    return new Result(basis, limit, source, reasons);
  }

  /** The peak came within 5 % of the limit: reported by the collector, or computed when absent. */
  static boolean nearLimit(ContainerRun run) {
    if (run.memoryNearLimit() != null) {
      return run.memoryNearLimit();
    }
    return run.memoryLimitBytes() != null
        && run.memoryPeak() >= NEAR_LIMIT * run.memoryLimitBytes();
  }
}
