package org.groupwriteback.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.groupwriteback.engine.graph.ImportReport;
import org.groupwriteback.engine.plan.PlanPrinter;
import org.groupwriteback.engine.plan.PlannedChange;
import org.groupwriteback.engine.run.ExportError;
import org.groupwriteback.engine.run.RunCounts;
import org.groupwriteback.engine.run.RunRecord;

/** Prints run records for people (the {@code sync} and {@code runs} commands without {@code --json}). */
final class RunReport {
    private RunReport() {
    }

    static void print(RunRecord r, PrintWriter out, boolean withPlan) {
        out.printf(Locale.ROOT, "Run %d  %s%s  %s  started %s  %.1f s%n", r.id(), r.policy(),
                r.dryRun() ? " (dry run)" : "", r.status(), r.started(), r.durationMillis() / 1000.0);
        ImportReport i = r.importReport();
        if (i != null) {
            out.printf(Locale.ROOT, "  import: %s%s, %d group(s) changed, %d soft-deleted, %d deleted, %d user(s), %d request(s), %d throttled%n",
                    i.fullImport() ? "full" : "delta", i.fullImportReason() == null ? "" : " (" + i.fullImportReason() + ")",
                    i.groupsChanged(), i.groupsSoftDeleted(), i.groupsDeleted(), i.usersChanged(), i.requests(),
                    i.throttledResponses());
        }
        RunCounts c = r.counts();
        out.printf(Locale.ROOT, "  %s: creates %d, updates %d, renames %d, moves %d, member adds %d, member removes %d, deletes %d%n",
                r.dryRun() ? "planned" : "applied", c.creates(), c.updates(), c.renames(), c.moves(), c.memberAdds(),
                c.memberRemoves(), c.deletes());
        if (r.skippedMembers().total() > 0) {
            out.printf(Locale.ROOT, "  skipped members: %d cloud-only user(s), %d user(s) not found or out of scope, %d group(s) not written back, %d other%n",
                    r.skippedMembers().cloudOnlyUsers(), r.skippedMembers().usersNotFoundOrOutOfScope(),
                    r.skippedMembers().groupsNotWrittenBack(), r.skippedMembers().otherObjects());
        }
        if (withPlan && r.dryRun()) {
            out.printf("  plan (%d change(s)):%n", r.plan().size());
            for (PlannedChange p : r.plan()) {
                out.println("    " + PlanPrinter.line(p));
            }
        }
        if (!r.exportErrors().isEmpty()) {
            out.printf("  export errors (%d):%n", r.exportErrors().size());
            for (ExportError e : r.exportErrors()) {
                out.printf("    %s %s%s%s: %s%s%n", e.kind(), e.cloudId(),
                        e.displayName() == null ? "" : " \"" + e.displayName() + "\"",
                        e.dn() == null ? "" : " " + e.dn(),
                        e.ldapResultCode() == null ? "" : "LDAP " + e.ldapResultCode() + " (" + e.code() + ") ",
                        e.message());
            }
        }
        if (r.message() != null) {
            out.println("  " + r.message());
        }
    }
}
