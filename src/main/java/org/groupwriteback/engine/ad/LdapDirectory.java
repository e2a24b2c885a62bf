package org.groupwriteback.engine.ad;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.ModifyDNRequest;
import com.unboundid.ldap.sdk.ModifyRequest;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Directory} over LDAP with the UnboundID SDK, for Windows AD and Samba AD: a pooled,
 * bound connection (LDAPS or StartTLS with certificate and host name validation; plain LDAP only to
 * a loopback host), paged searches, binary objectGUID/objectSid filters, range retrieval of
 * {@code member}, and batched value-add/value-delete member writes. Thread-safe.
 */
public final class LdapDirectory implements Directory {

    private static final Logger LOG = LoggerFactory.getLogger(LdapDirectory.class);

    /** Member values per modify request (AD's MaxValRange-friendly size). */
    static final int MEMBER_BATCH = 1000;
    /** objectSid / objectGUID values per OR filter. */
    static final int FILTER_BATCH = 100;
    /** Entries per page of a paged search (AD's MaxPageSize is 1000). */
    static final int PAGE_SIZE = 500;
    private static final int MAX_CONNECTIONS = 4;

    private static final String MEMBER = "member";
    private static final String[] GROUP_ATTRIBUTES = {"objectClass", "objectGUID", "objectSid", "sAMAccountName",
        "groupType", "displayName", "description", "adminDescription", "mail", "mailNickname", "proxyAddresses",
        // Both: Samba and AD answer only the ranged one; a server without range support answers plain member.
        MEMBER, "member;range=0-*"};

    private final LDAPConnectionPool pool;
    private final DN bindDn;
    private final DN baseDn;
    private final String url;

    /** What a write is, for messages about rights. */
    private enum Operation {
        READ("read"), CREATE("create groups"), MODIFY("modify groups"), RENAME("rename or move groups"),
        DELETE("delete groups"), MEMBERS("change group members");

        final String verb;

        Operation(String verb) {
            this.verb = verb;
        }
    }

    private LdapDirectory(LDAPConnectionPool pool, DN bindDn, DN baseDn, String url) {
        this.pool = pool;
        this.bindDn = bindDn;
        this.baseDn = baseDn;
        this.url = url;
    }

    /** Connects with the password read from {@code directory.passwordFile}. */
    public static LdapDirectory open(SyncConfiguration.Directory config) throws DirectoryException {
        String file = config.passwordFile();
        String password = SecretFile.read(file == null ? null : Path.of(file), "directory.passwordFile");
        return open(config, password);
    }

    /**
     * Connects and binds as {@code config.bindDn()} with {@code password} (e.g. typed into the wizard).
     * {@code ldaps://} validates the server certificate against {@code caCertificate} (PEM) or, when
     * that is null, the JVM's default trust store, and checks the host name. {@code ldap://} upgrades
     * with StartTLS when the server offers it; without StartTLS it is allowed to a loopback host only.
     */
    public static LdapDirectory open(SyncConfiguration.Directory config, String password) throws DirectoryException {
        LDAPURL url;
        DN bindDn;
        try {
            url = new LDAPURL(config.ldapUrl());
        } catch (LDAPException | NullPointerException e) {
            throw new DirectoryException("directory.ldapUrl '" + config.ldapUrl()
                    + "' is not an LDAP URL: use ldaps://dc.example.com or ldap://dc.example.com");
        }
        try {
            bindDn = new DN(config.bindDn());
        } catch (LDAPException | NullPointerException e) {
            throw new DirectoryException("directory.bindDn '" + config.bindDn() + "' is not a DN");
        }
        DN configuredBase = null;
        if (config.baseDn() != null && !config.baseDn().isBlank()) {
            configuredBase = parse(config.baseDn(), "directory.baseDn");
        }
        if (password == null || password.isEmpty()) {
            throw new DirectoryException("no password for " + bindDn + ": set directory.passwordFile");
        }
        String host = url.getHost();
        String ca = config.caCertificate();
        LDAPConnection connection = null;
        try {
            Secured secured = connectSecured(url, ca, bindDn.toString());
            connection = secured.connection();
            PostConnectProcessor startTls = secured.startTls();
            connection.bind(new SimpleBindRequest(bindDn, password));
            LDAPConnectionPool pool = new LDAPConnectionPool(connection, 1, MAX_CONNECTIONS, startTls);
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
            pool.setConnectionPoolName("group-writeback AD");
            DN base = configuredBase;
            if (base == null) {
                RootDSE dse = pool.getRootDSE();
                String context = dse == null ? null : dse.getAttributeValue("defaultNamingContext");
                if (context == null) {
                    pool.close();
                    throw new DirectoryException("directory.baseDn is not set and " + host
                            + " does not publish defaultNamingContext: set directory.baseDn");
                }
                base = new DN(context);
            }
            LOG.info("connected to {} as {} (base {})", config.ldapUrl(), bindDn, base);
            return new LdapDirectory(pool, bindDn, base, config.ldapUrl());
        } catch (LDAPException e) {
            if (connection != null) {
                connection.close();
            }
            throw connectFailure(e, config.ldapUrl(), host, ca, bindDn);
        } catch (GeneralSecurityException e) {
            if (connection != null) {
                connection.close();
            }
            throw new DirectoryException("cannot set up TLS for " + config.ldapUrl() + ": " + e.getMessage(), null,
                    null, e);
        } catch (DirectoryException e) {
            if (connection != null) {
                connection.close();
            }
            throw e;
        }
    }

    /** A connected, not yet bound connection, and the StartTLS step a pool must repeat on new connections. */
    private record Secured(LDAPConnection connection, PostConnectProcessor startTls) {
    }

    /**
     * Connects to {@code url} with the product's transport policy: {@code ldaps://} validated against
     * {@code caCertificate} (or the JVM trust store) with the host name checked; {@code ldap://} upgraded with
     * StartTLS when offered, else allowed to a loopback host only, so no password crosses a network in clear
     * text. {@code who} names the account in the refusal message.
     */
    private static Secured connectSecured(LDAPURL url, String caCertificate, String who)
            throws DirectoryException, LDAPException, GeneralSecurityException {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw new DirectoryException("directory.ldapUrl must start with ldaps:// or ldap://, not " + scheme);
        }
        String host = url.getHost();
        int port = url.getPort();
        SSLUtil ssl = sslUtil(caCertificate);
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(new HostNameVerifier());
        options.setConnectTimeoutMillis(10_000);
        options.setResponseTimeoutMillis(120_000);
        options.setFollowReferrals(false);
        if (scheme.equals("ldaps")) {
            return new Secured(new LDAPConnection(ssl.createSSLSocketFactory(), options, host, port), null);
        }
        LDAPConnection connection = new LDAPConnection(options, host, port);
        try {
            RootDSE dse = connection.getRootDSE();
            if (dse != null && dse.supportsExtendedOperation(StartTLSExtendedRequest.STARTTLS_REQUEST_OID)) {
                SSLSocketFactory factory = ssl.createSSLSocketFactory();
                ExtendedResult result = connection.processExtendedOperation(new StartTLSExtendedRequest(factory));
                if (result.getResultCode() != ResultCode.SUCCESS) {
                    throw new LDAPException(result);
                }
                return new Secured(connection, new StartTLSPostConnectProcessor(factory));
            }
            if (!isLoopback(host)) {
                throw new DirectoryException("refusing to send the password of " + who + " in clear text to "
                        + host + ": the server does not offer StartTLS; use ldaps://" + host
                        + " (or enable StartTLS on the domain controller)", null, null, null);
            }
            return new Secured(connection, null);
        } catch (DirectoryException | LDAPException | GeneralSecurityException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /**
     * One bound connection under the same transport policy as {@link #open}: for short admin or check
     * operations (granting and verifying permissions). {@code bindName} may be a DN, a UPN or
     * {@code DOMAIN\sam}. The password is used for this bind only.
     */
    public static LDAPConnection openConnection(String ldapUrl, String caCertificate, String bindName,
            String password) throws DirectoryException {
        LDAPURL url;
        try {
            url = new LDAPURL(ldapUrl);
        } catch (LDAPException | NullPointerException e) {
            throw new DirectoryException("'" + ldapUrl + "' is not an LDAP URL: use ldaps://dc.example.com or"
                    + " ldap://dc.example.com");
        }
        LDAPConnection connection = null;
        try {
            connection = connectSecured(url, caCertificate, bindName).connection();
            connection.bind(new SimpleBindRequest(bindName, password));
            return connection;
        } catch (LDAPException e) {
            if (connection != null) {
                connection.close();
            }
            throw connectFailure(e, ldapUrl, url.getHost(), caCertificate, bindName);
        } catch (GeneralSecurityException e) {
            throw new DirectoryException("cannot set up TLS for " + ldapUrl + ": " + e.getMessage(), null, null, e);
        }
    }

    private static SSLUtil sslUtil(String caCertificate) throws DirectoryException {
        TrustManager trust;
        if (caCertificate == null || caCertificate.isBlank()) {
            trust = JVMDefaultTrustManager.getInstance();
        } else {
            try {
                trust = new PEMFileTrustManager(new File(caCertificate));
            } catch (Exception e) {
                throw new DirectoryException("directory.caCertificate " + caCertificate
                        + " cannot be read as PEM certificates: " + e.getMessage(), null, null, e);
            }
        }
        return new SSLUtil(trust);
    }

    /** True when every address of {@code host} is a loopback address (a password may go there unencrypted). */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            return all.length > 0 && Arrays.stream(all).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static DirectoryException connectFailure(LDAPException e, String url, String host, String ca, DN bindDn) {
        return connectFailure(e, url, host, ca, bindDn.toString());
    }

    private static DirectoryException connectFailure(LDAPException e, String url, String host, String ca,
            String bindDn) {
        if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
            return new DirectoryException("wrong account or password for " + bindDn, e.getResultCode(), bindDn, e);
        }
        if (e.getResultCode() == ResultCode.STRONG_AUTH_REQUIRED
                || e.getResultCode() == ResultCode.CONFIDENTIALITY_REQUIRED) {
            return new DirectoryException(host + " requires an encrypted connection for " + bindDn
                    + ": use ldaps:// (or enable StartTLS on the domain controller)", e.getResultCode(), url, e);
        }
        if (hasNameMismatchCause(e)) {
            return new DirectoryException("the certificate of " + host + " is not issued for the name " + host
                    + ": use the host name the certificate names in directory.ldapUrl", null, url, e);
        }
        if (hasTlsTrustCause(e)) {
            String trust = ca == null || ca.isBlank() ? "the JVM's default trust store" : ca;
            return new DirectoryException("the certificate of " + host + " is not trusted by " + trust
                    + ": set directory.caCertificate to the PEM file of the CA that issued it", null, url, e);
        }
        return new DirectoryException("cannot reach " + url + ": " + e.getMessage(), e.getResultCode(), url, e);
    }

    private static boolean hasTlsTrustCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }

    /** The JDK says "No subject alternative names matching ..."; the SDK's verifier "Hostname verification failed". */
    private static boolean hasNameMismatchCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("no subject alternative") || m.contains("no name matching")
                    || m.contains("hostname verification failed")) {
                return true;
            }
        }
        return false;
    }

    // ---- reads ----------------------------------------------------------------------------------

    @Override
    public DirectoryInfo test() throws DirectoryException {
        try {
            RootDSE dse = pool.getRootDSE();
            if (dse == null) {
                throw new DirectoryException("the root DSE of " + url + " is not readable", null, url, null);
            }
            boolean exchange;
            LDAPConnection c = pool.getConnection();
            try {
                Schema schema = Schema.getSchema(c);
                exchange = schema != null && (schema.getAttributeType("msExchVersion") != null
                        || schema.getAttributeType("mailNickname") != null);
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
            throw failure(e, Operation.READ, null);
        }
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
            for (SearchResultEntry e : search(baseDn, SearchScope.SUB, filter, GROUP_ATTRIBUTES)) {
                AdGroup group = toGroup(e);
                out.put(group.guid(), group);
            }
        }
        return out;
    }

    @Override
    public Optional<AdGroup> readGroup(DN dn) throws DirectoryException {
        try {
            SearchResultEntry e = pool.getEntry(AdDn.wire(dn), GROUP_ATTRIBUTES);
            if (e == null || !e.hasObjectClass("group")) {
                return Optional.empty();
            }
            return Optional.of(toGroup(e));
        } catch (LDAPException e) {
            throw failure(e, Operation.READ, dn);
        }
    }

    @Override
    public boolean exists(DN dn) throws DirectoryException {
        try {
            return pool.getEntry(AdDn.wire(dn), "1.1") != null;
        } catch (LDAPException e) {
            throw failure(e, Operation.READ, dn);
        }
    }

    @Override
    public List<AdGroup> findWrittenBackGroups(DN base) throws DirectoryException {
        Filter filter = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "group"),
                Filter.createSubstringFilter("adminDescription", "Group_", null, null));
        List<AdGroup> out = new ArrayList<>();
        for (SearchResultEntry e : search(base, SearchScope.SUB, filter, GROUP_ATTRIBUTES)) {
            out.add(toGroup(e));
        }
        return out;
    }

    @Override
    public Map<Sid, DN> resolveUsers(Collection<Sid> sids, OuFilter scope) throws DirectoryException {
        List<DN> included = new ArrayList<>();
        List<DN> excluded = new ArrayList<>();
        for (String s : scope == null ? List.<String>of() : scope.included()) {
            included.add(parse(s, "ouFilter.included"));
        }
        for (String s : scope == null ? List.<String>of() : scope.excluded()) {
            excluded.add(parse(s, "ouFilter.excluded"));
        }
        if (included.isEmpty()) {
            included.add(baseDn);
        }
        // A subtree inside another included subtree would only be searched twice.
        List<DN> roots = included.stream()
                .filter(d -> included.stream().noneMatch(o -> !o.equals(d) && d.isDescendantOf(o, false)))
                .distinct().toList();
        Map<Sid, DN> out = new LinkedHashMap<>();
        List<Sid> all = List.copyOf(new LinkedHashSet<>(sids));
        for (int i = 0; i < all.size(); i += FILTER_BATCH) {
            List<Filter> any = new ArrayList<>();
            for (Sid sid : all.subList(i, Math.min(all.size(), i + FILTER_BATCH))) {
                any.add(Filter.createEqualityFilter("objectSid", sid.toBytes()));
            }
            Filter filter = Filter.createANDFilter(Filter.createEqualityFilter("objectClass", "user"),
                    Filter.createORFilter(any));
            for (DN root : roots) {
                for (SearchResultEntry e : search(root, SearchScope.SUB, filter, "objectSid")) {
                    DN dn = dn(e);
                    if (excluded.stream().anyMatch(x -> dn.isDescendantOf(x, true))) {
                        continue;
                    }
                    byte[] sid = e.getAttributeValueBytes("objectSid");
                    if (sid != null) {
                        out.put(Sid.fromBytes(sid), dn);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public List<DN> childOrganizationalUnits(DN parent) throws DirectoryException {
        Filter filter = Filter.createORFilter(Filter.createEqualityFilter("objectClass", "organizationalUnit"),
                Filter.createEqualityFilter("objectClass", "container"));
        List<DN> out = new ArrayList<>();
        for (SearchResultEntry e : search(parent, SearchScope.ONE, filter, "1.1")) {
            out.add(dn(e));
        }
        out.sort(Comparator.comparing((DN d) -> d.getRDN().getAttributeValues()[0], String.CASE_INSENSITIVE_ORDER));
        return out;
    }

    private AdGroup toGroup(SearchResultEntry e) throws DirectoryException {
        DN dn = dn(e);
        byte[] guid = e.getAttributeValueBytes("objectGUID");
        if (guid == null) {
            throw new DirectoryException("the account " + bindDn + " may not read objectGUID of " + dn
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
                    throw new DirectoryException(group + " was deleted while its members were read", ResultCode.NO_SUCH_OBJECT,
                            group.toString(), null);
                }
                chunk = memberChunk(more);
            } catch (LDAPException e) {
                throw failure(e, Operation.READ, group);
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
                throw new DirectoryException("member '" + v + "' of " + group + " is not a DN", null,
                        group.toString(), e);
            }
        }
    }

    private List<SearchResultEntry> search(DN base, SearchScope scope, Filter filter, String... attributes)
            throws DirectoryException {
        List<SearchResultEntry> out = new ArrayList<>();
        LDAPConnection c;
        try {
            c = pool.getConnection();
        } catch (LDAPException e) {
            throw failure(e, Operation.READ, base);
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
            throw failure(e, Operation.READ, base);
        }
    }

    // ---- writes ---------------------------------------------------------------------------------

    @Override
    public ObjectGuid createGroup(NewGroup group) throws DirectoryException {
        DN dn = group.dn();
        Entry e = new Entry(AdDn.wire(dn));
        e.addAttribute("objectClass", "top", "group");
        RDN rdn = dn.getRDN();
        for (int i = 0; i < rdn.getAttributeNames().length; i++) {
            e.addAttribute(rdn.getAttributeNames()[i], rdn.getAttributeValues()[i]);
        }
        e.addAttribute("sAMAccountName", group.samAccountName());
        e.addAttribute("groupType", Integer.toString(group.groupType()));
        addIfPresent(e, "displayName", group.displayName());
        addIfPresent(e, "description", group.description());
        addIfPresent(e, "adminDescription", group.adminDescription());
        addIfPresent(e, "mail", group.mail());
        addIfPresent(e, "mailNickname", group.mailNickname());
        if (!group.proxyAddresses().isEmpty()) {
            e.addAttribute("proxyAddresses", group.proxyAddresses());
        }
        try {
            pool.add(e);
        } catch (LDAPException ex) {
            if (ex.getResultCode() == ResultCode.ENTRY_ALREADY_EXISTS) {
                throw new DirectoryException("an object that group-writeback does not manage already exists: " + dn
                        + " (or sAMAccountName '" + group.samAccountName() + "' is in use); it is not overwritten",
                        ex.getResultCode(), dn.toString(), ex);
            }
            throw failure(ex, Operation.CREATE, dn);
        }
        try {
            SearchResultEntry created = pool.getEntry(AdDn.wire(dn), "objectGUID");
            byte[] guid = created == null ? null : created.getAttributeValueBytes("objectGUID");
            if (guid == null) {
                throw new DirectoryException("created " + dn + " but cannot read its objectGUID: grant " + bindDn
                        + " read access to group properties", null, dn.toString(), null);
            }
            ObjectGuid id = ObjectGuid.fromBytes(guid);
            LOG.info("created group {} (objectGUID {})", dn, id);
            return id;
        } catch (LDAPException ex) {
            throw failure(ex, Operation.READ, dn);
        }
    }

    private static void addIfPresent(Entry e, String attribute, String value) {
        if (value != null && !value.isEmpty()) {
            e.addAttribute(attribute, value);
        }
    }

    @Override
    public void replaceAttributes(DN dn, Map<String, List<String>> values) throws DirectoryException {
        if (values.isEmpty()) {
            return;
        }
        List<Modification> mods = new ArrayList<>();
        for (Map.Entry<String, List<String>> v : values.entrySet()) {
            if (v.getKey().equalsIgnoreCase(MEMBER)) {
                throw new IllegalArgumentException("member is written with addMembers/removeMembers, never replaced");
            }
            List<String> list = v.getValue() == null ? List.of()
                    : v.getValue().stream().filter(x -> x != null && !x.isEmpty()).toList();
            mods.add(list.isEmpty() ? new Modification(ModificationType.REPLACE, v.getKey())
                    : new Modification(ModificationType.REPLACE, v.getKey(), list.toArray(new String[0])));
        }
        try {
            pool.modify(new ModifyRequest(AdDn.wire(dn), mods));
            LOG.info("updated {} on {}", values.keySet(), dn);
        } catch (LDAPException e) {
            throw failure(e, Operation.MODIFY, dn);
        }
    }

    @Override
    public DN moveOrRename(DN current, RDN newRdn, DN newParent) throws DirectoryException {
        DN parent = newParent == null ? current.getParent() : newParent;
        DN target = new DN(newRdn, parent);
        if (target.toString().equals(current.toString())) {
            return current;
        }
        DN superior = parent.equals(current.getParent()) ? null : parent;
        try {
            pool.modifyDN(new ModifyDNRequest(AdDn.wire(current), AdDn.wire(newRdn), true,
                    superior == null ? null : AdDn.wire(superior)));
            LOG.info("moved/renamed {} to {}", current, target);
            return target;
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.UNWILLING_TO_PERFORM && target.equals(current)) {
                // A rename that only changes letter case: AD does it in one step, but some servers (the
                // UnboundID in-memory server, some LDAP proxies) answer "the new DN is the same". Go
                // through a temporary name; the next cycle finishes the job if the second step fails.
                return renameThroughTemporaryName(current, newRdn, target);
            }
            if (e.getResultCode() == ResultCode.ENTRY_ALREADY_EXISTS) {
                throw new DirectoryException("cannot rename " + current + " to " + target
                        + ": an object that group-writeback does not manage already has that name; it is not overwritten",
                        e.getResultCode(), current.toString(), e);
            }
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT && superior != null && !exists(superior)) {
                throw new DirectoryException("cannot move " + current + ": " + superior
                        + " does not exist (was the OU deleted?)", e.getResultCode(), superior.toString(), e);
            }
            throw failure(e, Operation.RENAME, current);
        }
    }

    private DN renameThroughTemporaryName(DN current, RDN newRdn, DN target) throws DirectoryException {
        RDN temporary = new RDN("CN", "gwb-rename-" + java.util.UUID.randomUUID());
        DN step = new DN(temporary, current.getParent());
        try {
            pool.modifyDN(new ModifyDNRequest(AdDn.wire(current), AdDn.wire(temporary), true));
        } catch (LDAPException e) {
            throw failure(e, Operation.RENAME, current);
        }
        try {
            pool.modifyDN(new ModifyDNRequest(AdDn.wire(step), AdDn.wire(newRdn), true));
            LOG.info("renamed {} to {} (letter case only, through a temporary name)", current, target);
            return target;
        } catch (LDAPException e) {
            throw failure(e, Operation.RENAME, step);
        }
    }

    @Override
    public void addMembers(DN group, Collection<DN> members) throws DirectoryException {
        writeMembers(group, members, ModificationType.ADD);
    }

    @Override
    public void removeMembers(DN group, Collection<DN> members) throws DirectoryException {
        writeMembers(group, members, ModificationType.DELETE);
    }

    private void writeMembers(DN group, Collection<DN> members, ModificationType type) throws DirectoryException {
        List<String> values = members.stream().map(AdDn::wire).distinct().toList();
        Map<String, LDAPException> refused = new LinkedHashMap<>();
        for (int i = 0; i < values.size(); i += MEMBER_BATCH) {
            List<String> batch = values.subList(i, Math.min(values.size(), i + MEMBER_BATCH));
            try {
                pool.modify(new ModifyRequest(AdDn.wire(group),
                        new Modification(type, MEMBER, batch.toArray(new String[0]))));
            } catch (LDAPException e) {
                if (!isPerValueProblem(e.getResultCode(), type)) {
                    throw failure(e, Operation.MEMBERS, group);
                }
                if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT && !exists(group)) {
                    throw failure(e, Operation.MEMBERS, group);
                }
                // One stale value fails the whole batch: write them one by one so the rest still goes in.
                writeOneByOne(group, batch, type, refused);
            }
        }
        LOG.info("{} {} member value(s) {} {}", type == ModificationType.ADD ? "added" : "removed",
                values.size() - refused.size(), type == ModificationType.ADD ? "to" : "from", group);
        if (!refused.isEmpty()) {
            Map.Entry<String, LDAPException> first = refused.entrySet().iterator().next();
            String action = type == ModificationType.ADD ? "add" : "remove";
            String reason = first.getValue().getResultCode() == ResultCode.NO_SUCH_OBJECT ? "it does not exist"
                    : first.getValue().getResultCode() + ": " + first.getValue().getDiagnosticMessage();
            throw new DirectoryException("could not " + action + " " + refused.size() + " member(s) of " + group
                    + " (first: " + first.getKey() + ", " + reason + "); the other members were written",
                    first.getValue().getResultCode(), group.toString(), first.getValue());
        }
    }

    private static boolean isPerValueProblem(ResultCode code, ModificationType type) {
        if (type == ModificationType.ADD) {
            // AD and Samba: 68 for a value already there; standard servers: 20. 32 for a vanished member.
            return code == ResultCode.ENTRY_ALREADY_EXISTS || code == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS
                    || code == ResultCode.NO_SUCH_OBJECT || code == ResultCode.UNWILLING_TO_PERFORM
                    || code == ResultCode.CONSTRAINT_VIOLATION;
        }
        // AD and Samba: 53 for a value not there; standard servers: 16.
        return code == ResultCode.UNWILLING_TO_PERFORM || code == ResultCode.NO_SUCH_ATTRIBUTE;
    }

    private void writeOneByOne(DN group, List<String> batch, ModificationType type,
            Map<String, LDAPException> refused) throws DirectoryException {
        for (String value : batch) {
            try {
                pool.modify(new ModifyRequest(AdDn.wire(group), new Modification(type, MEMBER, value)));
            } catch (LDAPException e) {
                ResultCode code = e.getResultCode();
                boolean harmless = type == ModificationType.ADD
                        ? code == ResultCode.ENTRY_ALREADY_EXISTS || code == ResultCode.ATTRIBUTE_OR_VALUE_EXISTS
                        : code == ResultCode.UNWILLING_TO_PERFORM || code == ResultCode.NO_SUCH_ATTRIBUTE;
                if (harmless) {
                    continue;
                }
                if (isPerValueProblem(code, type)) {
                    refused.put(value, e);
                } else {
                    throw failure(e, Operation.MEMBERS, group);
                }
            }
        }
    }

    @Override
    public void deleteGroup(DN dn) throws DirectoryException {
        try {
            pool.delete(AdDn.wire(dn));
            LOG.info("deleted group {}", dn);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT) {
                // Already gone: the goal of the delete is reached (a re-applied plan stays idempotent).
                LOG.info("group {} was already deleted", dn);
                return;
            }
            throw failure(e, Operation.DELETE, dn);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    // ---- errors ---------------------------------------------------------------------------------

    private DirectoryException failure(LDAPException e, Operation operation, DN dn) {
        ResultCode code = e.getResultCode();
        String object = dn == null ? null : dn.toString();
        String diagnostic = e.getDiagnosticMessage() == null ? "" : " (" + e.getDiagnosticMessage() + ")";
        String message;
        if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            DN where = dn == null ? baseDn : operation == Operation.READ ? dn : dn.getParent();
            message = "the sync account " + bindDn + " may not " + operation.verb + " in " + where
                    + ": grant it the rights with `gwb permissions grant`";
        } else if (code == ResultCode.NO_SUCH_OBJECT) {
            DN missing = operation == Operation.CREATE && dn != null ? dn.getParent() : dn;
            message = missing + " does not exist (was the OU deleted?)";
        } else if (code == ResultCode.INVALID_CREDENTIALS) {
            message = "wrong account or password for " + bindDn;
        } else if (code == ResultCode.CONSTRAINT_VIOLATION) {
            message = "the directory refused to " + operation.verb.replace("groups", "group") + " " + object
                    + ": a value breaks a schema limit (names are limited to 64 characters)" + diagnostic;
        } else if (code == ResultCode.NOT_ALLOWED_ON_NONLEAF) {
            message = "cannot delete " + object + ": it has child objects; group-writeback deletes only groups";
        } else if (!code.isConnectionUsable() || code == ResultCode.CONNECT_ERROR || code == ResultCode.TIMEOUT) {
            message = "cannot reach " + url + ": " + e.getMessage();
        } else {
            message = "could not " + operation.verb + " (" + object + "): " + code + diagnostic;
        }
        return new DirectoryException(message, code, object, e);
    }

    private static DN dn(SearchResultEntry e) throws DirectoryException {
        try {
            return e.getParsedDN();
        } catch (LDAPException x) {
            throw new DirectoryException("the directory returned an invalid DN '" + e.getDN() + "'", null, e.getDN(), x);
        }
    }

    private static DN parse(String dn, String field) throws DirectoryException {
        try {
            return new DN(dn);
        } catch (LDAPException e) {
            throw new DirectoryException(field + " '" + dn + "' is not a DN", null, dn, e);
        }
    }

    /** The base DN searches run under (configured, or the domain's defaultNamingContext). */
    public DN baseDn() {
        return baseDn;
    }
}
