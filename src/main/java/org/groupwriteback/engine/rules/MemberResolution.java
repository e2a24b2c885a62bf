package org.groupwriteback.engine.rules;

import com.unboundid.ldap.sdk.DN;
import java.util.Set;

/**
 * The AD member DNs one written-back group should have, and the cloud members that were left out
 * (counted, never errors).
 */
public record MemberResolution(Set<DN> members, SkippedMembers skipped) {
    public MemberResolution {
        members = Set.copyOf(members);
    }
}
