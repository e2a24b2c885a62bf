package org.groupwriteback.app;

import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.engine.run.ExportError;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
import org.groupwriteback.wizard.WizardServices.RunSummary;

/** A run record as the wizard's run summary: counts, and the export errors naming each group. */
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
        var c = r.counts();
        return new RunSummary(r.started(), r.ended(), r.status().name(), c.creates(), c.updates(), c.renames(),
                c.moves(), c.memberAdds(), c.memberRemoves(), c.deletes(), errors);
    }
}
