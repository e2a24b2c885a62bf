package org.groupwriteback.engine.ad.permissions;

import java.util.List;

/**
 * One right the sync account lacks for group writeback, as {@link WritebackPermissions#verify} found it;
 * {@link #toString()} says it in plain words.
 *
 * @param ou the OU that was checked
 * @param checkedOn the object the check was made on (the OU, a group in it, or the probe group)
 * @param attributes for {@link Kind#WRITE_GROUP_ATTRIBUTES}: the attributes that may not be written; else empty
 */
public record MissingRight(Kind kind, String ou, String checkedOn, List<String> attributes) {
    /** What is missing. */
    public enum Kind {
        /** No create-child right for class group (allowedChildClassesEffective lacks {@code group}). */
        CREATE_GROUPS,
        /** Groups in the OU cannot be deleted. */
        DELETE_GROUPS,
        /** Some attributes the engine writes are not in the group's allowedAttributesEffective. */
        WRITE_GROUP_ATTRIBUTES,
        /** Write/delete rights on groups could not be checked: no group in the OU and no right to create a probe. */
        GROUP_RIGHTS_NOT_CHECKED
    }

    public MissingRight {
        attributes = attributes == null ? List.of() : List.copyOf(attributes);
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CREATE_GROUPS -> "may not create groups in " + ou;
            case DELETE_GROUPS -> "may not delete groups in " + ou + " (tried on " + checkedOn + ")";
            case WRITE_GROUP_ATTRIBUTES -> "may not write " + String.join(", ", attributes) + " on groups in " + ou
                    + " (checked on " + checkedOn + ")";
            case GROUP_RIGHTS_NOT_CHECKED -> "could not check the rights to write and delete groups in " + ou
                    + ": it holds no group yet and the account may not create one";
        };
    }
}
