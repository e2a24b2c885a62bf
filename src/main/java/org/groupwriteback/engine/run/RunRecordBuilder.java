package org.groupwriteback.engine.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.ImportReport;
import org.groupwriteback.engine.plan.Change;
import org.groupwriteback.engine.plan.Plan;
import org.groupwriteback.engine.plan.PlanPrinter;
import org.groupwriteback.engine.plan.PlannedChange;
import org.groupwriteback.engine.rules.SkippedMembers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Collects the pieces of a {@link RunRecord} as a cycle goes, and decides how the run ended. */
final class RunRecordBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(RunRecordBuilder.class);

    private final long runId;
    private final SyncCycle.Request request;
    private final Instant started;
    private ImportReport importReport;
    private Map<String, CloudGroup> cloudGroups = Map.of();
    private RunCounts counts = RunCounts.ZERO;
    private SkippedMembers skipped = SkippedMembers.NONE;
    private final List<ExportError> errors = new ArrayList<>();
    private final List<PlannedChange> plan = new ArrayList<>();
    private int pendingDeletes;
    private final List<PendingDelete> pendingDeleteList = new ArrayList<>();
    private boolean staging;
    private boolean thresholdHit;
    private String failure;
    private String interruption;
    private String message;
    private int applied;

    RunRecordBuilder(long runId, SyncCycle.Request request, Instant started) {
        this.runId = runId;
        this.request = request;
        this.started = started;
    }

    long runId() {
        return runId;
    }

    /** What the import did and the cloud groups it left (for the display names of export errors). */
    void imported(ImportReport report, Map<String, CloudGroup> groups) {
        importReport = report;
        cloudGroups = groups;
    }

    /** Staging mode: the plan is recorded as for a dry run and nothing is exported. */
    void staging() {
        staging = true;
    }

    /** The plan's skipped members and problems; for a dry run or in staging mode also its changes and counts. */
    void planned(Plan p) {
        skipped = p.skipped();
        for (Plan.Problem problem : p.problems()) {
            errors.add(new ExportError(problem.cloudId(), problem.displayName(), null, "plan", null, problem.code(),
                    problem.message()));
        }
        if (request.dryRun() || staging) {
            for (Change c : p.changes()) {
                plan.add(PlanPrinter.describe(c));
                counts = counts.plus(c);
            }
        }
    }

    /** More deletes planned than allowed: nothing is applied. */
    void thresholdExceeded(DeletionThreshold.Verdict verdict, List<PendingDelete> deletes, String dataDir) {
        thresholdExceeded(deletes, verdict.message(runId, dataDir));
    }

    /** Nothing applied because {@code deletes} wait for an admin's approval, for the reason {@code why}. */
    void thresholdExceeded(List<PendingDelete> deletes, String why) {
        pendingDeletes = deletes.size();
        pendingDeleteList.clear();
        pendingDeleteList.addAll(deletes);
        thresholdHit = true;
        message = why;
    }

    /** A change written to AD by this run. */
    void applied(Change c) {
        applied++;
        counts = counts.plus(c);
    }

    /** A create found done by an interrupted earlier run: applied, but not counted as this run's create. */
    void healed() {
        applied++;
    }

    /** True while nothing failed, stopped, waits for approval or ended as an export error. */
    boolean cleanSoFar() {
        return failure == null && interruption == null && !thresholdHit && !staging && errors.isEmpty();
    }

    /** Number of changes applied so far (healed ones included). */
    int appliedCount() {
        return applied;
    }

    void exportError(ExportError e) {
        errors.add(e);
    }

    /** The run failed as a whole for {@code why}; the first failure recorded stays the run's message. */
    void fail(String why) {
        if (failure == null) {
            failure = why;
        } else {
            // The first failure is the cause (e.g. the connection lost while applying); later ones follow from it.
            LOG.warn("run {} also failed: {}", runId, why);
            return;
        }
        LOG.error("run {} failed: {}", runId, why);
    }

    /** The apply stopped early because the engine is stopping ({@code why}); the next cycle continues. */
    void interrupted(String why) {
        interruption = why;
        LOG.warn("run {} interrupted: {}", runId, why);
    }

    /** The cloud group's display name, or null when the import did not bring it. */
    String displayName(String cloudId) {
        CloudGroup g = cloudGroups.get(cloudId);
        return g == null ? null : g.displayName();
    }

    RunRecord build(Instant ended) {
        RunStatus status;
        String msg = message;
        if (failure != null) {
            status = RunStatus.FAILED;
            msg = failure;
        } else if (interruption != null) {
            status = RunStatus.INTERRUPTED;
            msg = interruption;
        } else if (thresholdHit) {
            status = RunStatus.DELETION_THRESHOLD_EXCEEDED;
        } else if (!errors.isEmpty()) {
            status = RunStatus.COMPLETED_WITH_ERRORS;
            msg = errors.size() + " object(s) could not be exported; see the export errors";
        } else {
            status = RunStatus.SUCCESS;
            if (staging) {
                msg = "Staging mode: nothing was exported. The first cycle after staging mode is turned off "
                        + "applies the pending plan.";
            }
        }
        return new RunRecord(runId, request.policy(), request.dryRun(), started, ended,
                ended.toEpochMilli() - started.toEpochMilli(), status, msg, importReport, counts, skipped, errors,
                pendingDeletes, plan, staging, pendingDeleteList);
    }
}
