package org.groupwriteback.engine.ad;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes an {@link AdGroup} as text for the state store and back. Decoding interns DNs: the same member
 * DN shared by thousands of groups is held once. Not thread-safe (the intern table).
 */
public final class AdGroupCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, DN> interned = new HashMap<>();

    /** The stored form: strings only. */
    record Stored(String dn, String sid, String sam, int groupType, String displayName, String description,
            String adminDescription, String mail, String mailNickname, List<String> proxyAddresses,
            List<String> members, Map<String, String> exchangeAttributes) {
    }

    /** The text of {@code g}. */
    public static String encode(AdGroup g) {
        List<String> members = new ArrayList<>(g.members().size());
        for (DN m : g.members()) {
            members.add(m.toString());
        }
        try {
            return JSON.writeValueAsString(new Stored(g.dn().toString(), g.sid() == null ? null : g.sid().value(),
                    g.samAccountName(), g.groupType(), g.displayName(), g.description(), g.adminDescription(),
                    g.mail(), g.mailNickname(), g.proxyAddresses(), members, g.exchangeAttributes()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode AD group " + g.dn(), e);
        }
    }

    /** The group {@code text} encodes; {@link IllegalArgumentException} when it is not readable. */
    public AdGroup decode(ObjectGuid guid, String text) {
        try {
            Stored s = JSON.readValue(text, Stored.class);
            Set<DN> members = new LinkedHashSet<>();
            for (String m : s.members()) {
                members.add(dn(m));
            }
            return new AdGroup(guid, dn(s.dn()), s.sid() == null ? null : new Sid(s.sid()), s.sam(), s.groupType(),
                    s.displayName(), s.description(), s.adminDescription(), s.mail(), s.mailNickname(),
                    s.proxyAddresses(), members, s.exchangeAttributes());
        } catch (JsonProcessingException | LDAPException e) {
            throw new IllegalArgumentException("the stored AD state of group " + guid + " is not readable", e);
        }
    }

    /** The DN of {@code text}, parsed once per distinct text. */
    public DN dn(String text) throws LDAPException {
        DN dn = interned.get(text);
        if (dn == null) {
            dn = new DN(text);
            interned.put(text, dn);
        }
        return dn;
    }
}
