package org.groupwriteback.wizard.writeback;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;

/**
 * Connect's naming of a written-back group, for the live example on the Group writeback page until the
 * engine's {@code WritebackRules} takes over behind {@code WizardServices.exampleDn}.
 */
public final class ExampleNaming {
    /** Longest display name part of the cn, so that cn stays within AD's 64 characters. */
    public static final int NAME_PART = 51;
    /** How many trailing characters of the object id make the name unique. */
    public static final int ID_PART = 12;

    private ExampleNaming() {
    }

    /** The cn: {@code Group_<id>}, or {@code Left(Trim(displayName),51) + "_" + last 12 of id}. */
    public static String cn(String displayName, String id, boolean dnWithDisplayName) {
        if (!dnWithDisplayName || displayName == null || displayName.isBlank()) {
            return "Group_" + id;
        }
        String name = displayName.strip();
        if (name.length() > NAME_PART) {
            name = name.substring(0, NAME_PART);
        }
        String tail = id.length() > ID_PART ? id.substring(id.length() - ID_PART) : id;
        return name + "_" + tail;
    }

    /** The full DN in {@code targetOu}, escaped by the LDAP SDK. */
    public static String dn(String displayName, String id, String targetOu, boolean dnWithDisplayName) {
        try {
            return new DN(new RDN("CN", cn(displayName, id, dnWithDisplayName)), new DN(targetOu)).toString();
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a distinguished name: " + targetOu, e);
        }
    }
}
