package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A group to create: its full DN (escaped by the SDK) and the attributes writeback sets. Members are
 * added afterwards in batches, not here. {@code exchangeAttributes} only with the Exchange schema.
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
        List<String> proxyAddresses,
        Map<String, String> exchangeAttributes) {

    public NewGroup {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(samAccountName, "samAccountName");
        proxyAddresses = proxyAddresses == null ? List.of() : List.copyOf(proxyAddresses);
        exchangeAttributes = exchangeAttributes == null ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(exchangeAttributes));
    }

    /** A group without Exchange recipient attributes ({@link ExchangeRecipient}). */
    public NewGroup(DN dn, String samAccountName, int groupType, String displayName, String description,
            String adminDescription, String mail, String mailNickname, List<String> proxyAddresses) {
        this(dn, samAccountName, groupType, displayName, description, adminDescription, mail, mailNickname,
                proxyAddresses, Map.of());
    }
}
