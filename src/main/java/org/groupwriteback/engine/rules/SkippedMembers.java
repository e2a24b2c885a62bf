package org.groupwriteback.engine.rules;

/**
 * Members left out, counted (never errors): cloud-only users (no on-premises SID), synced users not
 * found in AD or outside the OU filter's scope (synced devices and groups not found are counted there too),
 * member groups that are not written back, cloud-only devices (Entra-joined or registered, no on-premises SID),
 * and other kinds (contacts, service principals).
 */
public record SkippedMembers(int cloudOnlyUsers, int usersNotFoundOrOutOfScope, int groupsNotWrittenBack,
        int otherObjects, int cloudOnlyDevices) {
    /** Nothing skipped. */
    public static final SkippedMembers NONE = new SkippedMembers(0, 0, 0, 0, 0);

    /** Without device members. */
    public SkippedMembers(int cloudOnlyUsers, int usersNotFoundOrOutOfScope, int groupsNotWrittenBack,
            int otherObjects) {
        this(cloudOnlyUsers, usersNotFoundOrOutOfScope, groupsNotWrittenBack, otherObjects, 0);
    }

    /** All skipped members together. */
    public int total() {
        return cloudOnlyUsers + usersNotFoundOrOutOfScope + groupsNotWrittenBack + otherObjects + cloudOnlyDevices;
    }

    /** The sum of this and {@code other}. */
    public SkippedMembers plus(SkippedMembers other) {
        return new SkippedMembers(cloudOnlyUsers + other.cloudOnlyUsers,
                usersNotFoundOrOutOfScope + other.usersNotFoundOrOutOfScope,
                groupsNotWrittenBack + other.groupsNotWrittenBack, otherObjects + other.otherObjects,
                cloudOnlyDevices + other.cloudOnlyDevices);
    }
}
