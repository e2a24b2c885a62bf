package org.groupwriteback.engine.ad;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.groupwriteback.engine.ad.DirectoryErrors.Operation;
import org.groupwriteback.engine.ad.DirectoryException.Kind;

/**
 * Reads entries for {@link LdapDirectory}: paged searches, single entries, and group entries turned into
 * {@link AdGroup}s with all their {@code member} values (range retrieval). Thread-safe (the pool is).
 */
final class EntryReader {

    /** Entries per page of a paged search (AD's MaxPageSize is 1000). */
    static final int PAGE_SIZE = 500;

    static final String MEMBER = "member";
    static final String[] GROUP_ATTRIBUTES = {"objectClass", "objectGUID", "objectSid", "sAMAccountName",
        "groupType", "displayName", "description", "adminDescription", "mail", "mailNickname", "proxyAddresses",
        // Both: Samba and AD answer only the ranged one; a server without range support answers plain member.
        MEMBER, "member;range=0-*"};

    private final LDAPConnectionPool pool;
    private final DirectoryErrors errors;

    EntryReader(LDAPConnectionPool pool, DirectoryErrors errors) {
        this.pool = pool;
        this.errors = errors;
    }

    /** True when an entry exists at {@code dn}. */
    boolean exists(DN dn) throws DirectoryException {
        try {
            return pool.getEntry(AdDn.wire(dn), "1.1") != null;
        } catch (LDAPException e) {
            throw errors.failure(e, Operation.READ, dn);
        }
    }

    /** The group at {@code dn}; empty when there is none or the entry is not a group. */
    Optional<AdGroup> group(DN dn) throws DirectoryException {
        try {
            SearchResultEntry e = pool.getEntry(AdDn.wire(dn), GROUP_ATTRIBUTES);
            if (e == null || !e.hasObjectClass("group")) {
                return Optional.empty();
            }
            return Optional.of(toGroup(e));
        } catch (LDAPException e) {
            throw errors.failure(e, Operation.READ, dn);
        }
    }

    /** The groups {@code filter} finds under {@code base}. */
    List<AdGroup> groups(DN base, Filter filter) throws DirectoryException {
        List<AdGroup> out = new ArrayList<>();
        for (SearchResultEntry e : search(base, SearchScope.SUB, filter, GROUP_ATTRIBUTES)) {
            out.add(toGroup(e));
        }
        return out;
    }

    /** All entries a search finds, page by page. */
    List<SearchResultEntry> search(DN base, SearchScope scope, Filter filter, String... attributes)
            throws DirectoryException {
        List<SearchResultEntry> out = new ArrayList<>();
        LDAPConnection c;
        try {
            c = pool.getConnection();
        } catch (LDAPException e) {
            throw errors.failure(e, Operation.READ, base);
        }
        try {
            // One connection for all pages: AD ties the paging cookie to the connection.
            ASN1OctetString cookie = null;
            do {
                SearchRequest request = new SearchRequest(AdDn.wire(base), scope, filter, attributes);
                request.setControls(new SimplePagedResultsControl(PAGE_SIZE, cookie, false));
                SearchResult result = c.search(request);
                out.addAll(result.getSearchEntries());
                SimplePagedResultsControl page = SimplePagedResultsControl.get(result);
                cookie = page != null && page.moreResultsToReturn() ? page.getCookie() : null;
            } while (cookie != null);
            pool.releaseConnection(c);
            return out;
        } catch (LDAPException e) {
            pool.releaseConnectionAfterException(c, e);
            throw errors.failure(e, Operation.READ, base);
        }
    }

    /** The parsed DN of an entry the directory returned. */
    static DN dn(SearchResultEntry e) throws DirectoryException {
        try {
            return e.getParsedDN();
        } catch (LDAPException x) {
            throw new DirectoryException("the directory returned an invalid DN '" + e.getDN() + "'", Kind.OTHER, null,
                    e.getDN(), x);
        }
    }

    private AdGroup toGroup(SearchResultEntry e) throws DirectoryException {
        DN dn = dn(e);
        byte[] guid = e.getAttributeValueBytes("objectGUID");
        if (guid == null) {
            throw new DirectoryException("the account " + errors.bindDn() + " may not read objectGUID of " + dn
                    + ": grant it read access to group properties", ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                    dn.toString(), null);
        }
        byte[] sid = e.getAttributeValueBytes("objectSid");
        Integer type = e.getAttributeValueAsInteger("groupType");
        String[] proxies = e.getAttributeValues("proxyAddresses");
        return new AdGroup(ObjectGuid.fromBytes(guid), dn, sid == null ? null : Sid.fromBytes(sid),
                e.getAttributeValue("sAMAccountName"), type == null ? 0 : type, e.getAttributeValue("displayName"),
                e.getAttributeValue("description"), e.getAttributeValue("adminDescription"),
                e.getAttributeValue("mail"), e.getAttributeValue("mailNickname"),
                proxies == null ? List.of() : Arrays.asList(proxies), readAllMembers(dn, e));
    }

    /** One answer of range retrieval: the values and where to continue (-1 when complete). */
    record MemberChunk(List<String> values, int next) {
    }

    /**
     * Reads the {@code member} values an entry carries: unranged (Samba, small groups, servers without
     * range support) or ranged as {@code member;range=low-high}, where {@code high} is {@code *} on the
     * last chunk (samba-ad.md section 7).
     */
    static MemberChunk memberChunk(Entry e) {
        for (Attribute a : e.getAttributes()) {
            if (!a.getBaseName().equalsIgnoreCase(MEMBER)) {
                continue;
            }
            String range = null;
            for (String option : a.getOptions()) {
                if (option.toLowerCase(Locale.ROOT).startsWith("range=")) {
                    range = option.substring("range=".length());
                }
            }
            List<String> values = Arrays.asList(a.getValues());
            if (range == null || range.endsWith("-*")) {
                return new MemberChunk(values, -1);
            }
            int dash = range.indexOf('-');
            int high = Integer.parseInt(range.substring(dash + 1));
            return new MemberChunk(values, high + 1);
        }
        return new MemberChunk(List.of(), -1);
    }

    private Set<DN> readAllMembers(DN group, Entry first) throws DirectoryException {
        Set<DN> members = new LinkedHashSet<>();
        MemberChunk chunk = memberChunk(first);
        addDns(members, chunk.values(), group);
        int previous = 0;
        while (chunk.next() > previous) {
            previous = chunk.next();
            try {
                SearchResultEntry more = pool.getEntry(AdDn.wire(group), "member;range=" + chunk.next() + "-*");
                if (more == null) {
                    throw new DirectoryException(group + " was deleted while its members were read",
                            ResultCode.NO_SUCH_OBJECT, group.toString(), null);
                }
                chunk = memberChunk(more);
            } catch (LDAPException e) {
                throw errors.failure(e, Operation.READ, group);
            }
            addDns(members, chunk.values(), group);
        }
        return members;
    }

    private static void addDns(Set<DN> into, List<String> values, DN group) throws DirectoryException {
        for (String v : values) {
            try {
                into.add(new DN(v));
            } catch (LDAPException e) {
                throw new DirectoryException("member '" + v + "' of " + group + " is not a DN", Kind.OTHER, null,
                        group.toString(), e);
            }
        }
    }
}
