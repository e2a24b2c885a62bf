package org.groupwriteback.engine.rules;

/**
 * Members left out, counted (never errors): cloud-only users (no on-premises SID), synced users not
 * found in AD or outside the OU filter's scope, member groups that are not written back, and other
 * kinds (devices, contacts, service principals).
 */
public record SkippedMembers(int cloudOnlyUsers, int usersNotFoundOrOutOfScope, int groupsNotWrittenBack,
        int otherObjects) {
    /** Nothing skipped. */
    public static final SkippedMembers NONE = new SkippedMembers(0, 0, 0, 0);

    /** All skipped members together. */
    public int total() {
        return cloudOnlyUsers + usersNotFoundOrOutOfScope + groupsNotWrittenBack + otherObjects;
    }
}
