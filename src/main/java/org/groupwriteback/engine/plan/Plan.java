package org.groupwriteback.engine.plan;

import java.util.List;
import org.groupwriteback.engine.rules.SkippedMembers;

/**
 * The ordered changes one cycle will make to AD, the export errors already known before touching AD
 * (member limit, a type the group kind cannot have, two groups wanting one name), and the members that
 * were skipped and why. Data only: it can be printed ({@code gwb sync --dry-run}) without being applied.
 */
public record Plan(List<Change> changes, List<Problem> problems, SkippedMembers skipped) {

    public Plan {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
    }

    /** An export error known at plan time: the group is not exported this cycle. */
    public record Problem(String cloudId, String displayName, String code, String message) {
    }

    /** Number of changes of one kind, e.g. {@code count(Change.Delete.class)}. */
    public long count(Class<? extends Change> kind) {
        return changes.stream().filter(kind::isInstance).count();
    }

    public boolean isEmpty() {
        return changes.isEmpty() && problems.isEmpty();
    }
}
