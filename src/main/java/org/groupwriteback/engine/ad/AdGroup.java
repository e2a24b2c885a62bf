package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A group as it is in AD right now (read by {@link Directory}): its anchor, where it is, the
 * attributes writeback manages, and its complete member list (read with range retrieval).
 * Absent single-valued attributes are null, absent multi-valued ones empty; {@code exchangeAttributes} holds the
 * {@link ExchangeRecipient} attributes present.
 */
public record AdGroup(
        ObjectGuid guid,
        DN dn,
        Sid sid,
        String samAccountName,
        int groupType,
        String displayName,
        String description,
        String adminDescription,
        String mail,
        String mailNickname,
        List<String> proxyAddresses,
        Set<DN> members,
        Map<String, String> exchangeAttributes) {

    public AdGroup {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(dn, "dn");
        proxyAddresses = proxyAddresses == null ? List.of() : List.copyOf(proxyAddresses);
        members = members == null ? Set.of() : Set.copyOf(members);
        exchangeAttributes = exchangeAttributes == null ? Map.of() : Map.copyOf(exchangeAttributes);
    }

    /** A group without Exchange recipient attributes. */
    public AdGroup(ObjectGuid guid, DN dn, Sid sid, String samAccountName, int groupType, String displayName,
            String description, String adminDescription, String mail, String mailNickname, List<String> proxyAddresses,
            Set<DN> members) {
        this(guid, dn, sid, samAccountName, groupType, displayName, description, adminDescription, mail, mailNickname,
                proxyAddresses, members, Map.of());
    }
}
