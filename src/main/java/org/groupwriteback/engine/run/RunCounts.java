package org.groupwriteback.engine.run;

import org.groupwriteback.engine.plan.Change;

/**
 * What a cycle changed in AD (planned changes for a dry run): objects created, attribute updates, renames,
 * moves, member values added and removed, and deletes.
 */
public record RunCounts(int creates, int updates, int renames, int moves, int memberAdds, int memberRemoves,
        int deletes) {
    /** No changes. */
    public static final RunCounts ZERO = new RunCounts(0, 0, 0, 0, 0, 0, 0);

    /** Total number of LDAP-visible changes (member values counted one by one). */
    public int total() {
        return creates + updates + renames + moves + memberAdds + memberRemoves + deletes;
    }

    /** These counts with one more change: one object, or its member values for member changes. */
    public RunCounts plus(Change change) {
        int n = change.valueCount();
        return switch (change.kind()) {
            case CREATE -> new RunCounts(creates + n, updates, renames, moves, memberAdds, memberRemoves, deletes);
            case UPDATE -> new RunCounts(creates, updates + n, renames, moves, memberAdds, memberRemoves, deletes);
            case RENAME -> new RunCounts(creates, updates, renames + n, moves, memberAdds, memberRemoves, deletes);
            case MOVE -> new RunCounts(creates, updates, renames, moves + n, memberAdds, memberRemoves, deletes);
            case ADD_MEMBERS -> new RunCounts(creates, updates, renames, moves, memberAdds + n, memberRemoves, deletes);
            case REMOVE_MEMBERS -> new RunCounts(creates, updates, renames, moves, memberAdds, memberRemoves + n, deletes);
            case DELETE -> new RunCounts(creates, updates, renames, moves, memberAdds, memberRemoves, deletes + n);
        };
    }
}
