package org.groupwriteback.engine.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.groupwriteback.engine.graph.ImportReport;
import org.groupwriteback.engine.plan.PlannedChange;
import org.groupwriteback.engine.rules.SkippedMembers;

/**
 * The record of one sync cycle (what {@code gwb sync --json} and {@code gwb runs} print): when, which
 * policy, how it ended and why, what the import did, counts per change kind, skipped members, export
 * errors, the deletes waiting for approval, and for a dry run the planned changes.
 */
public record RunRecord(
        long id,
        Policy policy,
        boolean dryRun,
        Instant started,
        Instant ended,
        long durationMillis,
        RunStatus status,
        String message,
        ImportReport importReport,
        RunCounts counts,
        SkippedMembers skippedMembers,
        List<ExportError> exportErrors,
        int pendingDeletes,
        List<PlannedChange> plan) {

    public RunRecord {
        exportErrors = exportErrors == null ? List.of() : List.copyOf(exportErrors);
        plan = plan == null ? List.of() : List.copyOf(plan);
        counts = counts == null ? RunCounts.ZERO : counts;
        skippedMembers = skippedMembers == null ? SkippedMembers.NONE : skippedMembers;
    }

    /** Wall-clock duration of the cycle. */
    public Duration duration() {
        return Duration.ofMillis(durationMillis);
    }

    /** True when the CLI should exit 0: applied (or planned) everything without errors. */
    public boolean ok() {
        return status == RunStatus.SUCCESS;
    }
}
