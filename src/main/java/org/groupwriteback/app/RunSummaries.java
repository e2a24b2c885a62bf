package org.groupwriteback.app;

import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.engine.run.ExportError;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
import org.groupwriteback.wizard.WizardServices.PendingDelete;
import org.groupwriteback.wizard.WizardServices.RunSummary;

/**
 * A run record as the wizard's run summary: counts, the export errors naming each group, the run's id, the
 * deletes waiting for approval and whether it ran in staging mode.
 */
final class RunSummaries {
    private RunSummaries() {
    }

    static RunSummary of(RunRecord r) {
        List<String> errors = new ArrayList<>();
        for (ExportError e : r.exportErrors()) {
            String who = e.displayName() != null ? e.displayName() : e.dn() != null ? e.dn() : e.cloudId();
            errors.add(who + ": " + e.message());
        }
        if (r.status() == RunStatus.FAILED && r.message() != null) {
            errors.add(0, r.message());
        }
        List<PendingDelete> pending = new ArrayList<>();
        for (org.groupwriteback.engine.run.PendingDelete d : r.pendingDeleteList()) {
            pending.add(new PendingDelete(d.displayName() != null ? d.displayName() : d.cloudId(), d.dn()));
        }
        var c = r.counts();
        return new RunSummary(r.started(), r.ended(), r.status().name(), c.creates(), c.updates(), c.renames(),
                c.moves(), c.memberAdds(), c.memberRemoves(), c.deletes(), errors, r.id(), pending, r.staging());
    }
}
