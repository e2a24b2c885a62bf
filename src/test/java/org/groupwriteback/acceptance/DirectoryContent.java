package org.groupwriteback.acceptance;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.StateStore;

/**
 * The whole directory read once, split into the groups written back (carrying our marker
 * {@code adminDescription Group_<id>}) and everything else, byte for byte with operational attributes, plus
 * the checks the crash and state-loss suites make on it.
 */
final class DirectoryContent {
    private static final String PREFIX = GroupNaming.GROUP_PREFIX;

    /** What the engine manages of one written-back group, in comparable form (normalized DNs). */
    record Group(String dn, String sam, String groupType, String displayName, String description, String mail,
            String mailNickname, Set<String> proxyAddresses, Set<String> members) {
    }

    /** Managed groups by marker; more than one object per marker is kept in {@link #duplicates}. */
    final Map<String, Group> managed = new TreeMap<>();
    /** objectGUID of each managed group, by marker. */
    final Map<String, ObjectGuid> guids = new HashMap<>();
    /** Markers carried by more than one object, with all their DNs. */
    final Map<String, List<String>> duplicates = new TreeMap<>();
    /** Every other entry: normalized DN to all its attributes (operational included), values in base64. */
    final Map<String, String> unmanaged = new TreeMap<>();

    private DirectoryContent() {
    }

    /** Reads every entry of the directory. */
    static DirectoryContent read(DemoDirectory directory) {
        DirectoryContent s = new DirectoryContent();
        try (LDAPConnection c = directory.connection()) {
            for (SearchResultEntry e : c.search(directory.baseDn().toString(), SearchScope.SUB,
                    Filter.createPresenceFilter("objectClass"), "*", "+").getSearchEntries()) {
                String marker = e.getAttributeValue("adminDescription");
                if (marker != null && marker.startsWith(PREFIX)) {
                    s.addManaged(marker, e);
                } else {
                    s.unmanaged.put(norm(e.getDN()), canonical(e));
                }
            }
        } catch (LDAPException e) {
            throw new IllegalStateException("reading the directory failed: " + e.getMessage(), e);
        }
        return s;
    }

    private void addManaged(String marker, SearchResultEntry e) {
        Group g = new Group(norm(e.getDN()), e.getAttributeValue("sAMAccountName"), e.getAttributeValue("groupType"),
                e.getAttributeValue("displayName"), e.getAttributeValue("description"), e.getAttributeValue("mail"),
                e.getAttributeValue("mailNickname"), values(e, "proxyAddresses", false), values(e, "member", true));
        Group previous = managed.put(marker, g);
        if (previous != null) {
            duplicates.computeIfAbsent(marker, m -> new ArrayList<>(List.of(previous.dn()))).add(g.dn());
        }
        guids.put(marker, ObjectGuid.fromBytes(e.getAttributeValueBytes("objectGUID")));
    }

    /**
     * Everything wrong with this state against the expected managed groups and the unmanaged entries as they
     * were before, and against the anchors of the state store in {@code data}: empty when it converged.
     */
    List<String> problems(Map<String, Group> expected, Map<String, String> unmanagedBefore, Path data) {
        List<String> out = new ArrayList<>();
        duplicates.forEach((m, dns) -> out.add("duplicate group for " + m + ": " + dns));
        for (String m : expected.keySet()) {
            if (!managed.containsKey(m)) {
                out.add("missing group " + m + " " + expected.get(m).dn());
            } else if (!managed.get(m).equals(expected.get(m))) {
                out.add("group " + m + " differs: " + difference(expected.get(m), managed.get(m)));
            }
        }
        managed.keySet().stream().filter(m -> !expected.containsKey(m))
                .forEach(m -> out.add("extra group " + m + " " + managed.get(m).dn()));
        for (String dn : unmanagedBefore.keySet()) {
            if (!unmanaged.containsKey(dn)) {
                out.add("unmanaged entry gone: " + dn);
            } else if (!unmanaged.get(dn).equals(unmanagedBefore.get(dn))) {
                out.add("unmanaged entry changed: " + dn + ": " + attributeDiff(unmanagedBefore.get(dn), unmanaged.get(dn)));
            }
        }
        unmanaged.keySet().stream().filter(dn -> !unmanagedBefore.containsKey(dn))
                .forEach(dn -> out.add("new unmanaged entry: " + dn));
        if (data != null) {
            out.addAll(anchorProblems(data));
        }
        return out;
    }

    /** Every anchor points at an existing group carrying its marker, and every managed group has one. */
    List<String> anchorProblems(Path data) {
        List<String> out = new ArrayList<>();
        Map<String, Anchor> anchors;
        try (StateStore store = StateStore.open(data)) {
            anchors = store.anchors();
        }
        Map<ObjectGuid, String> markerByGuid = new HashMap<>();
        guids.forEach((m, g) -> markerByGuid.put(g, m));
        for (Anchor a : anchors.values()) {
            String m = markerByGuid.get(a.guid());
            if (m == null) {
                out.add("orphaned anchor " + a.cloudId() + " -> " + a.guid() + " (" + a.lastKnownDn() + ")");
            } else if (!m.equals(PREFIX + a.cloudId())) {
                out.add("anchor " + a.cloudId() + " points at the group of " + m);
            }
        }
        Set<String> anchored = anchors.keySet().stream().map(id -> PREFIX + id).collect(Collectors.toSet());
        managed.keySet().stream().filter(m -> !anchored.contains(m))
                .forEach(m -> out.add("group without anchor: " + m + " " + managed.get(m).dn()));
        return out;
    }

    private static String difference(Group want, Group got) {
        List<String> d = new ArrayList<>();
        compare(d, "dn", want.dn(), got.dn());
        compare(d, "sAMAccountName", want.sam(), got.sam());
        compare(d, "groupType", want.groupType(), got.groupType());
        compare(d, "displayName", want.displayName(), got.displayName());
        compare(d, "description", want.description(), got.description());
        compare(d, "mail", want.mail(), got.mail());
        compare(d, "mailNickname", want.mailNickname(), got.mailNickname());
        compare(d, "proxyAddresses", want.proxyAddresses(), got.proxyAddresses());
        if (!want.members().equals(got.members())) {
            Set<String> lost = new TreeSet<>(want.members());
            lost.removeAll(got.members());
            Set<String> extra = new TreeSet<>(got.members());
            extra.removeAll(want.members());
            d.add("members: " + lost.size() + " lost " + first(lost) + ", " + extra.size() + " extra " + first(extra));
        }
        return String.join("; ", d);
    }

    private static void compare(List<String> d, String name, Object want, Object got) {
        if (want == null ? got != null : !want.equals(got)) {
            d.add(name + " " + want + " -> " + got);
        }
    }

    private static String first(Set<String> s) {
        return s.stream().limit(3).toList().toString();
    }

    private static String attributeDiff(String before, String after) {
        Set<String> b = new TreeSet<>(Arrays.asList(before.split("\n")));
        Set<String> a = new TreeSet<>(Arrays.asList(after.split("\n")));
        Set<String> removed = new TreeSet<>(b);
        removed.removeAll(a);
        Set<String> added = new TreeSet<>(a);
        added.removeAll(b);
        return "before " + removed + " after " + added;
    }

    private static Set<String> values(SearchResultEntry e, String name, boolean dns) {
        String[] v = e.getAttributeValues(name);
        if (v == null) {
            return Set.of();
        }
        return Arrays.stream(v).map(x -> dns ? norm(x) : x).collect(Collectors.toCollection(TreeSet::new));
    }

    /** One line per attribute, sorted, values as sorted base64: equal strings mean byte-identical entries. */
    private static String canonical(SearchResultEntry e) {
        return e.getAttributes().stream().sorted(Comparator.comparing(a -> a.getName().toLowerCase(Locale.ROOT)))
                .map(a -> a.getName().toLowerCase(Locale.ROOT) + "=" + encoded(a))
                .collect(Collectors.joining("\n"));
    }

    private static String encoded(Attribute a) {
        return Arrays.stream(a.getValueByteArrays()).map(b -> Base64.getEncoder().encodeToString(b)).sorted()
                .collect(Collectors.joining(",", "[", "]"));
    }

    static String norm(String dn) {
        try {
            return new DN(dn).toNormalizedString();
        } catch (LDAPException e) {
            throw new IllegalArgumentException("not a DN: " + dn, e);
        }
    }
}
