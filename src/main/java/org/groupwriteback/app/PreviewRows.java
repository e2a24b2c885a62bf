package org.groupwriteback.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.plan.ChangeKind;
import org.groupwriteback.engine.plan.PlannedChange;
import org.groupwriteback.engine.run.ExportError;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.wizard.PlanPreview;

/**
 * Turns a dry run's record into the wizard's {@link PlanPreview}: counts per change kind, one row per change
 * named after its cloud group, and how many Microsoft 365 and security groups the plan creates.
 */
final class PreviewRows {
    private PreviewRows() {
    }

    static PlanPreview of(RunRecord dryRun, Map<String, CloudGroup> cloudGroups) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ChangeKind k : ChangeKind.values()) {
            counts.put(k.wire(), 0);
        }
        List<PlanPreview.Row> rows = new ArrayList<>();
        int m365 = 0;
        int security = 0;
        for (PlannedChange p : dryRun.plan()) {
            counts.merge(p.kind(), 1, Integer::sum);
            CloudGroup g = cloudGroups.get(p.cloudId());
            if (ChangeKind.CREATE.wire().equals(p.kind()) && g != null) {
                if (g.isUnified()) {
                    m365++;
                } else {
                    security++;
                }
            }
            boolean adds = ChangeKind.ADD_MEMBERS.wire().equals(p.kind());
            boolean removes = ChangeKind.REMOVE_MEMBERS.wire().equals(p.kind());
            rows.add(new PlanPreview.Row(g == null || g.displayName() == null ? p.cloudId() : g.displayName(),
                    p.kind(), p.dn(), adds ? p.valueCount() : 0, removes ? p.valueCount() : 0, p.detail()));
        }
        List<String> problems = new ArrayList<>();
        for (ExportError e : dryRun.exportErrors()) {
            problems.add((e.displayName() != null ? e.displayName() : e.cloudId()) + ": " + e.message());
        }
        return new PlanPreview(counts, rows, m365, security, problems);
    }
}
