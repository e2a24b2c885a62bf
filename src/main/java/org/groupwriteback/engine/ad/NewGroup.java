package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import java.util.List;
import java.util.Objects;

/**
 * A group to create: its full DN (escaped by the SDK) and the attributes writeback sets. Members are
 * added afterwards in batches, not here.
 */
public record NewGroup(
        DN dn,
        String samAccountName,
        int groupType,
        String displayName,
        String description,
        String adminDescription,
        String mail,
        String mailNickname,
        List<String> proxyAddresses) {

    public NewGroup {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(samAccountName, "samAccountName");
        proxyAddresses = proxyAddresses == null ? List.of() : List.copyOf(proxyAddresses);
    }
}
