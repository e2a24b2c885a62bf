package org.groupwriteback.testsupport;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A byte-level snapshot of every directory entry the engine does not manage (no {@code adminDescription=Group_*}
 * marker), with all user and operational attributes, to prove a scenario left them untouched.
 * Take one before the scenario with {@link #snapshot}, then call {@link #assertUnchangedIn} after it.
 */
public final class UnmanagedObjects {
    /**
     * Attributes the directory maintains by itself when something else changes: back-links of our member writes,
     * the sync account's logon bookkeeping, and the DC's RID pool (each group created takes the next RID).
     * Everything else must stay byte-identical.
     */
    public static final Set<String> MAINTAINED_BY_AD = Set.of("memberof", "lastlogon", "lastlogontimestamp",
            "logoncount", "badpwdcount", "badpasswordtime", "dscorepropagationdata", "msds-lastsuccessfulinteractivelogontime",
            "ridnextrid");

    /** Extra operational attributes asked for by name because not every server returns them for {@code +}. */
    private static final String[] REQUESTED = {"*", "+", "objectGUID", "objectSid", "uSNChanged", "uSNCreated",
        "whenChanged", "whenCreated", "replPropertyMetaData", "entryUUID", "modifyTimestamp", "createTimestamp"};

    private final DN base;
    private final Map<String, Map<String, List<String>>> entries;

    private UnmanagedObjects(DN base, Map<String, Map<String, List<String>>> entries) {
        this.base = base;
        this.entries = entries;
    }

    /** Reads every unmanaged entry under {@code base} (the whole domain, usually). */
    public static UnmanagedObjects snapshot(LDAPConnection connection, DN base) throws LDAPException {
        return new UnmanagedObjects(base, read(connection, base));
    }

    /** How many entries the snapshot holds. */
    public int size() {
        return entries.size();
    }

    /**
     * The differences between this snapshot and the directory now: entries gone, entries added without our marker,
     * attributes changed; empty when every unmanaged entry is byte-identical.
     */
    public List<String> differences(LDAPConnection connection) throws LDAPException {
        Map<String, Map<String, List<String>>> now = read(connection, base);
        List<String> out = new ArrayList<>();
        for (var before : entries.entrySet()) {
            Map<String, List<String>> after = now.get(before.getKey());
            if (after == null) {
                out.add("gone or now managed: " + before.getKey());
                continue;
            }
            Set<String> names = new TreeSet<>(before.getValue().keySet());
            names.addAll(after.keySet());
            for (String name : names) {
                if (!Objects.equals(before.getValue().get(name), after.get(name))) {
                    out.add(before.getKey() + " " + name + ": " + before.getValue().get(name) + " -> " + after.get(name));
                }
            }
        }
        now.keySet().stream().filter(dn -> !entries.containsKey(dn)).forEach(dn -> out.add("new unmanaged entry: " + dn));
        return out;
    }

    /** Fails with the list of differences unless every unmanaged entry is as it was; returns the count checked. */
    public int assertUnchangedIn(LDAPConnection connection) throws LDAPException {
        List<String> diff = differences(connection);
        if (!diff.isEmpty()) {
            throw new AssertionError(diff.size() + " change(s) to objects group-writeback does not manage:\n  "
                    + String.join("\n  ", diff));
        }
        return entries.size();
    }

    private static Map<String, Map<String, List<String>>> read(LDAPConnection connection, DN base)
            throws LDAPException {
        SearchRequest request = new SearchRequest(base.toString(), SearchScope.SUB, Filter.present("objectClass"),
                REQUESTED);
        Map<String, Map<String, List<String>>> out = new TreeMap<>();
        for (SearchResultEntry e : connection.search(request).getSearchEntries()) {
            String marker = e.getAttributeValue("adminDescription");
            if (marker != null && marker.startsWith("Group_")) {
                continue;
            }
            Map<String, List<String>> attributes = new TreeMap<>();
            for (Attribute a : e.getAttributes()) {
                String name = a.getName().toLowerCase(Locale.ROOT);
                if (!MAINTAINED_BY_AD.contains(name)) {
                    attributes.put(name, Arrays.stream(a.getValueByteArrays()).map(UnmanagedObjects::text).sorted()
                            .toList());
                }
            }
            out.put(e.getParsedDN().toNormalizedString(), attributes);
        }
        return out;
    }

    /** The value as text when it is printable, else as hex, so a difference reads well and binary compares exactly. */
    private static String text(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        if (Arrays.equals(text.getBytes(StandardCharsets.UTF_8), value) && text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder b = new StringBuilder("hex:");
        for (byte x : value) {
            b.append(Character.forDigit((x >> 4) & 0xF, 16)).append(Character.forDigit(x & 0xF, 16));
        }
        return b.toString();
    }
}
