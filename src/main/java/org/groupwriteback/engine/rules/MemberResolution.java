package org.groupwriteback.engine.rules;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.Set;

/**
 * The AD member DNs one written-back group should have, the cloud members that were left out (counted,
 * never errors), and the members AD would refuse (reported as export errors, the rest still written).
 */
public record MemberResolution(Set<DN> members, SkippedMembers skipped, List<RefusedMember> refused) {
    public MemberResolution {
        members = Set.copyOf(members);
        refused = refused == null ? List.of() : List.copyOf(refused);
    }

    /** Nothing refused. */
    public MemberResolution(Set<DN> members, SkippedMembers skipped) {
        this(members, skipped, List.of());
    }

    /** A member group AD does not accept in a universal group: the cloud member id, its AD DN and why. */
    public record RefusedMember(String memberId, DN dn, String reason) {
    }
}
