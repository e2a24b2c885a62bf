package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.groupwriteback.engine.ad.DirectoryException.Kind;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;

/**
 * Finds objects by binary objectSid inside the OU filter's scope for {@link LdapDirectory}: users, and
 * (for members that are on-premises groups or hybrid-joined devices) groups and computers too. SIDs are
 * batched into OR filters; each included subtree is searched once; excluded subtrees are dropped.
 */
final class SidSearch {
    private static final String[] ATTRIBUTES = {"objectSid", "objectClass", "groupType"};

    private final EntryReader reader;
    private final DN baseDn;

    SidSearch(EntryReader reader, DN baseDn) {
        this.reader = reader;
        this.baseDn = baseDn;
    }

    /** The objects of class {@code user} or {@code group} with these SIDs inside {@code scope}. */
    Map<Sid, AdPrincipal> find(Collection<Sid> sids, OuFilter scope, boolean usersOnly) throws DirectoryException {
        List<DN> excluded = new ArrayList<>();
        for (String s : scope == null ? List.<String>of() : scope.excluded()) {
            excluded.add(parse(s, "ouFilter.excluded"));
        }
        Map<Sid, AdPrincipal> out = new LinkedHashMap<>();
        List<Sid> all = List.copyOf(new LinkedHashSet<>(sids));
        Filter classes = usersOnly ? Filter.createEqualityFilter("objectClass", "user")
                : Filter.createORFilter(Filter.createEqualityFilter("objectClass", "user"),
                        Filter.createEqualityFilter("objectClass", "group"));
        List<DN> roots = roots(scope);
        for (int i = 0; i < all.size(); i += LdapDirectory.FILTER_BATCH) {
            List<Filter> any = new ArrayList<>();
            for (Sid sid : all.subList(i, Math.min(all.size(), i + LdapDirectory.FILTER_BATCH))) {
                any.add(Filter.createEqualityFilter("objectSid", sid.toBytes()));
            }
            Filter filter = Filter.createANDFilter(classes, Filter.createORFilter(any));
            for (DN root : roots) {
                for (SearchResultEntry e : reader.search(root, SearchScope.SUB, filter, ATTRIBUTES)) {
                    DN dn = EntryReader.dn(e);
                    byte[] sid = e.getAttributeValueBytes("objectSid");
                    if (sid == null || excluded.stream().anyMatch(x -> dn.isDescendantOf(x, true))) {
                        continue;
                    }
                    out.put(Sid.fromBytes(sid), principal(e, dn));
                }
            }
        }
        return out;
    }

    private static AdPrincipal principal(SearchResultEntry e, DN dn) {
        if (e.hasObjectClass("group")) {
            Integer type = e.getAttributeValueAsInteger("groupType");
            return new AdPrincipal(dn, AdPrincipal.Kind.GROUP, type == null ? 0 : type);
        }
        return new AdPrincipal(dn, e.hasObjectClass("computer") ? AdPrincipal.Kind.COMPUTER : AdPrincipal.Kind.USER, 0);
    }

    /** The included subtrees (the base when none), without those inside another (searched twice otherwise). */
    private List<DN> roots(OuFilter scope) throws DirectoryException {
        List<DN> included = new ArrayList<>();
        for (String s : scope == null ? List.<String>of() : scope.included()) {
            included.add(parse(s, "ouFilter.included"));
        }
        if (included.isEmpty()) {
            included.add(baseDn);
        }
        return included.stream()
                .filter(d -> included.stream().noneMatch(o -> !o.equals(d) && d.isDescendantOf(o, false)))
                .distinct().toList();
    }

    private static DN parse(String dn, String field) throws DirectoryException {
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            throw new DirectoryException(field + " '" + dn + "' is not a DN", Kind.CONFIGURATION, null, dn, e);
        }
    }
}
