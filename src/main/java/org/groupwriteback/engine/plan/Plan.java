package org.groupwriteback.engine.plan;

import java.util.List;

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

    /**
     * Members left out, counted (never errors): cloud-only users (no on-premises SID), synced users not
     * found in AD or outside the OU filter's scope, member groups that are not written back, and other
     * kinds (devices, contacts, service principals).
     */
    public record SkippedMembers(int cloudOnlyUsers, int usersNotFoundOrOutOfScope, int groupsNotWrittenBack,
            int otherObjects) {
        public static final SkippedMembers NONE = new SkippedMembers(0, 0, 0, 0);

        public int total() {
            return cloudOnlyUsers + usersNotFoundOrOutOfScope + groupsNotWrittenBack + otherObjects;
        }
    }

    /** Number of changes of one kind, e.g. {@code count(Change.Delete.class)}. */
    public long count(Class<? extends Change> kind) {
        return changes.stream().filter(kind::isInstance).count();
    }

    public boolean isEmpty() {
        return changes.isEmpty() && problems.isEmpty();
    }
}
