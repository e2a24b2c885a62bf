package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.schema.Schema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.groupwriteback.engine.ad.DirectoryErrors.Operation;
import org.groupwriteback.engine.ad.DirectoryException.Kind;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Directory} over LDAP with the UnboundID SDK, for Windows AD and Samba AD: a pooled, bound
 * connection opened by {@link LdapTransport}, paged searches, binary objectGUID/objectSid filters, range
 * retrieval of {@code member} ({@link EntryReader}), batched member writes ({@link MemberWriter}), and group
 * creation, renames and moves ({@link GroupWriter}).
 * Failures are translated by {@link DirectoryErrors}. Thread-safe.
 */
public final class LdapDirectory implements Directory {

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);

    /** objectSid / objectGUID values per OR filter. */
    static final int FILTER_BATCH = 100;

    private final LDAPConnectionPool pool;
    private final DN baseDn;
    private final String url;
    private final DirectoryErrors errors;
    private final EntryReader reader;
    private final MemberWriter members;
    private final GroupWriter groups;

    private LdapDirectory(LDAPConnectionPool pool, DN bindDn, DN baseDn, String url) {
        this.pool = pool;
        this.baseDn = baseDn;
        this.url = url;
        this.errors = new DirectoryErrors(bindDn, baseDn, url);
        this.reader = new EntryReader(pool, errors);
        this.members = new MemberWriter(pool, errors, reader);
        this.groups = new GroupWriter(pool, errors, reader, members);
    }

    /** Connects with the password read from {@code directory.passwordFile}. */
    public static LdapDirectory open(SyncConfiguration.Directory config) throws DirectoryException {
        String file = config.passwordFile();
        try (Secret password = LdapTransport.readPassword(file == null ? null : Path.of(file),
                "directory.passwordFile")) {
            return open(config, password);
        }
    }

    /**
     * Connects and binds as {@code config.bindDn()} with {@code password} (e.g. typed into the wizard; the
     * caller keeps and clears it) under the transport policy of {@link LdapTransport}. Without
     * {@code config.baseDn()} the base is the domain's defaultNamingContext.
     */
    public static LdapDirectory open(SyncConfiguration.Directory config, Secret password) throws DirectoryException {
        LDAPURL url = LdapTransport.parseUrl(config.ldapUrl(), "directory.ldapUrl");
        DN bindDn;
        try {
            bindDn = new DN(config.bindDn());
        } catch (LDAPException | NullPointerException e) {
            throw new DirectoryException("directory.bindDn '" + config.bindDn() + "' is not a DN");
        }
        DN base = null;
        if (config.baseDn() != null && !config.baseDn().isBlank()) {
            base = parse(config.baseDn(), "directory.baseDn");
        }
        LDAPConnectionPool pool = LdapTransport.openPool(url, config.ldapUrl(), config.caCertificate(),
                bindDn.toString(), password);
        try {
            if (base == null) {
                RootDSE dse = pool.getRootDSE();
                String context = dse == null ? null : dse.getAttributeValue("defaultNamingContext");
                if (context == null) {
                    throw new DirectoryException("directory.baseDn is not set and " + url.getHost()
                            + " does not publish defaultNamingContext: set directory.baseDn");
                }
                base = new DN(context);
            }
        } catch (LDAPException e) {
            pool.close();
            throw DirectoryErrors.connectFailure(e, config.ldapUrl(), url.getHost(), config.caCertificate(),
                    bindDn.toString());
        } catch (DirectoryException e) {
            pool.close();
            throw e;
        }
        LOG.info("connected to {} as {} (base {})", config.ldapUrl(), bindDn, base);
        return new LdapDirectory(pool, bindDn, base, config.ldapUrl());
    }

    // ---- reads ----------------------------------------------------------------------------------

    @Override
    public DirectoryInfo test() throws DirectoryException {
        try {
            RootDSE dse = pool.getRootDSE();
            if (dse == null) {
                throw new DirectoryException("the root DSE of " + url + " is not readable", Kind.OTHER, null, url,
                        null);
            }
            boolean exchange;
            LDAPConnection c = pool.getConnection();
            try {
                Schema schema = Schema.getSchema(c);
                exchange = ExchangeSchema.present(schema);
                pool.releaseConnection(c);
            } catch (LDAPException e) {
                pool.releaseConnectionAfterException(c, e);
                throw e;
            }
            String vendor = dse.getVendorName();
            if (vendor == null) {
                vendor = dse.hasAttribute("domainControllerFunctionality") ? "Active Directory (Windows or Samba)"
                        : "unknown";
            }
            String[] controls = dse.getSupportedControlOIDs();
            return new DirectoryInfo(dse.getAttributeValue("defaultNamingContext"),
                    dse.getAttributeValue("dnsHostName"), vendor, exchange,
                    controls == null ? List.of() : Arrays.asList(controls));
        } catch (LDAPException e) {
            throw errors.failure(e, Operation.READ, null);
        }
    }

    @Override
    public Optional<UsnWatermark> watermark() throws DirectoryException {
        try {
            SearchResultEntry dse = pool.getEntry("", "highestCommittedUSN", "dsServiceName");
            Long usn = dse == null ? null : dse.getAttributeValueAsLong("highestCommittedUSN");
            String service = dse == null ? null : dse.getAttributeValue("dsServiceName");
            if (usn == null || service == null) {
                return Optional.empty();
            }
            SearchResultEntry settings = pool.getEntry(service, "invocationId");
            byte[] id = settings == null ? null : settings.getAttributeValueBytes("invocationId");
            return id == null || id.length != 16 ? Optional.empty()
                    : Optional.of(new UsnWatermark(ObjectGuid.fromBytes(id).toString(), usn));
        } catch (LDAPException e) {
            throw errors.failure(e, Operation.READ, null);
        }
    }

    @Override
    public List<AdChange> changedSince(long usn) throws DirectoryException {
        Filter filter = Filter.createGreaterOrEqualFilter("uSNChanged", Long.toString(usn + 1));
        List<AdChange> out = new ArrayList<>();
        for (SearchResultEntry e : reader.search(baseDn, SearchScope.SUB, filter, "objectGUID", "objectSid",
                "objectClass")) {
            byte[] guid = e.getAttributeValueBytes("objectGUID");
            if (guid == null) {
                continue;
            }
            byte[] sid = e.getAttributeValueBytes("objectSid");
            out.add(new AdChange(ObjectGuid.fromBytes(guid), EntryReader.dn(e), sid == null ? null : Sid.fromBytes(sid),
                    e.hasObjectClass("group"), e.hasObjectClass("user") && !e.hasObjectClass("computer")));
        }
        return out;
    }

    @Override
    public Map<ObjectGuid, AdGroup> readGroups(Collection<ObjectGuid> guids) throws DirectoryException {
        Map<ObjectGuid, AdGroup> out = new LinkedHashMap<>();
        List<ObjectGuid> all = List.copyOf(new LinkedHashSet<>(guids));
        for (int i = 0; i < all.size(); i += FILTER_BATCH) {
            List<Filter> any = new ArrayList<>();
            for (ObjectGuid g : all.subList(i, Math.min(all.size(), i + FILTER_BATCH))) {
                any.add(Filter.createEqualityFilter("objectGUID", g.toBytes()));
            }
            Filter filter = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"),
                    Filter.createORFilter(any));
            for (AdGroup group : reader.groups(baseDn, filter)) {
                out.put(group.guid(), group);
            }
        }
        return out;
    }

    @Override
    public Map<ObjectGuid, AdGroupLocation> locateGroups(DN likelyBase, Collection<ObjectGuid> guids)
            throws DirectoryException {
        Map<ObjectGuid, AdGroupLocation> out = new LinkedHashMap<>();
        java.util.Set<ObjectGuid> wanted = new java.util.HashSet<>(guids);
        Filter groups = Filter.createEqualityFilter("objectClass", "group");
        if (likelyBase != null && !wanted.isEmpty() && likelyBase.isDescendantOf(baseDn, true)) {
            try {
                for (SearchResultEntry e : reader.search(likelyBase, SearchScope.SUB, groups, "objectGUID",
                        "uSNChanged")) {
                    AdGroupLocation l = location(e);
                    if (l != null && wanted.contains(l.guid())) {
                        out.put(l.guid(), l);
                    }
                }
            } catch (DirectoryException e) {
                if (e.kind() != Kind.NO_SUCH_OBJECT) {
                    throw e;
                }
            }
        }
        List<ObjectGuid> rest = wanted.stream().filter(g -> !out.containsKey(g)).toList();
        for (int i = 0; i < rest.size(); i += FILTER_BATCH) {
            List<Filter> any = new ArrayList<>();
            for (ObjectGuid g : rest.subList(i, Math.min(rest.size(), i + FILTER_BATCH))) {
                any.add(Filter.createEqualityFilter("objectGUID", g.toBytes()));
            }
            for (SearchResultEntry e : reader.search(baseDn, SearchScope.SUB,
                    Filter.createANDFilter(groups, Filter.createORFilter(any)), "objectGUID", "uSNChanged")) {
                AdGroupLocation l = location(e);
                if (l != null) {
                    out.put(l.guid(), l);
                }
            }
        }
        return out;
    }

    private static AdGroupLocation location(SearchResultEntry e) throws DirectoryException {
        byte[] guid = e.getAttributeValueBytes("objectGUID");
        if (guid == null || guid.length != 16) {
            return null;
        }
        Long usn = e.getAttributeValueAsLong("uSNChanged");
        return new AdGroupLocation(ObjectGuid.fromBytes(guid), EntryReader.dn(e), usn == null ? -1 : usn);
    }

    @Override
    public Optional<AdGroup> readGroup(DN dn) throws DirectoryException {
        return reader.group(dn);
    }

    @Override
    public Optional<ObjectGuid> guidAt(DN dn) throws DirectoryException {
        try {
            SearchResultEntry e = pool.getEntry(AdDn.wire(dn), "objectGUID");
            byte[] guid = e == null ? null : e.getAttributeValueBytes("objectGUID");
            return guid == null ? Optional.empty() : Optional.of(ObjectGuid.fromBytes(guid));
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                return Optional.empty();
            }
            throw errors.failure(e, Operation.READ, dn);
        }
    }

    @Override
    public boolean exists(DN dn) throws DirectoryException {
        return reader.exists(dn);
    }

    @Override
    public List<AdGroup> findWrittenBackGroups(DN base) throws DirectoryException {
        Filter filter = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"),
                Filter.createSubstringFilter("adminDescription", "Group_", null, null));
        return reader.groups(base, filter);
    }

    @Override
    public Map<Sid, DN> resolveUsers(Collection<Sid> sids, OuFilter scope) throws DirectoryException {
        Map<Sid, DN> out = new LinkedHashMap<>();
        new SidSearch(reader, baseDn).find(sids, scope, true).forEach((sid, p) -> out.put(sid, p.dn()));
        return out;
    }

    @Override
    public Map<Sid, AdPrincipal> resolvePrincipals(Collection<Sid> sids, OuFilter scope) throws DirectoryException {
        return new SidSearch(reader, baseDn).find(sids, scope, false);
    }

    @Override
    public List<DN> childOrganizationalUnits(DN parent) throws DirectoryException {
        Filter filter = Filter.createORFilter(Filter.createEqualityFilter("objectClass", "organizationalUnit"),
                Filter.createEqualityFilter("objectClass", "container"));
        List<DN> out = new ArrayList<>();
        for (SearchResultEntry e : reader.search(parent, SearchScope.ONE, filter, "1.1")) {
            out.add(EntryReader.dn(e));
        }
        out.sort(Comparator.comparing((DN d) -> d.getRDN().getAttributeValues()[0], String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    // ---- writes ---------------------------------------------------------------------------------

    @Override
    public ObjectGuid createGroup(NewGroup group) throws DirectoryException {
        return createGroup(group, List.of());
    }

    @Override
    public ObjectGuid createGroup(NewGroup group, Collection<DN> initialMembers) throws DirectoryException {
        return groups.create(group, initialMembers);
    }

    @Override
    public void replaceAttributes(DN dn, Map<String, List<String>> values) throws DirectoryException {
        if (values.isEmpty()) {
            return;
        }
        List<Modification> mods = new ArrayList<>();
        for (Map.Entry<String, List<String>> v : values.entrySet()) {
            if (v.getKey().equalsIgnoreCase(EntryReader.MEMBER)) {
                throw new IllegalArgumentException("member is written with addMembers/removeMembers, never replaced");
            }
            List<String> list = v.getValue() == null ? List.of()
                    : v.getValue().stream().filter(x -> x != null && !x.isEmpty()).toList();
            mods.add(list.isEmpty() ? new Modification(ModificationType.REPLACE, v.getKey())
                    : new Modification(ModificationType.REPLACE, v.getKey(), list.toArray(new String[0])));
        }
        try {
            pool.modify(new ModifyRequest(AdDn.wire(dn), mods));
            LOG.debug("updated {} on {}", values.keySet(), dn);
        } catch (LDAPException e) {
            throw errors.failure(e, Operation.MODIFY, dn);
        }
    }

    @Override
    public DN moveOrRename(DN current, RDN newRdn, DN newParent) throws DirectoryException {
        return groups.moveOrRename(current, newRdn, newParent);
    }

    @Override
    public void addMembers(DN group, Collection<DN> members) throws DirectoryException {
        this.members.write(group, members, ModificationType.ADD);
    }

    @Override
    public void removeMembers(DN group, Collection<DN> members) throws DirectoryException {
        this.members.write(group, members, ModificationType.DELETE);
    }

    @Override
    public void deleteGroup(DN dn) throws DirectoryException {
        try {
            pool.delete(AdDn.wire(dn));
            LOG.debug("deleted group {}", dn);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                // Already gone: the goal of the delete is reached (a re-applied plan stays idempotent).
                LOG.info("group {} was already deleted", dn);
                return;
            }
            throw errors.failure(e, Operation.DELETE, dn);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static DN parse(String dn, String field) throws DirectoryException {
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            throw new DirectoryException(field + " '" + dn + "' is not a DN", Kind.CONFIGURATION, null, dn, e);
        }
    }

    /** The base DN searches run under (configured, or the domain's defaultNamingContext). */
    public DN baseDn() {
        return baseDn;
    }
}
