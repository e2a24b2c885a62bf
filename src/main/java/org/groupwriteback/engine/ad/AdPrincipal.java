package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import java.util.Objects;

/**
 * An AD object found by its objectSid inside the OU filter's scope: a user, a computer or a group, with
 * the group's {@code groupType} (0 for users and computers), so the rules can tell a domain-local group.
 */
public record AdPrincipal(DN dn, Kind kind, int groupType) {

    /** What kind of object carries the SID (a computer is checked before user: it is also a user). */
    public enum Kind {
        USER, COMPUTER, GROUP
    }

    public AdPrincipal {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(kind, "kind");
    }

    /** True for a group of domain-local scope ({@code groupType} has 0x4), which AD refuses in a universal group. */
    public boolean isDomainLocalGroup() {
        return kind == Kind.GROUP && (groupType & GroupType.DOMAIN_LOCAL_FLAG) != 0;
    }
}
