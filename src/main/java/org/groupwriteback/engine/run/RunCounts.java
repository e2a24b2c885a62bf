package org.groupwriteback.engine.run;

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
}
