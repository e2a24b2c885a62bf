package org.groupwriteback.demo.directory;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryDirectoryServerSnapshot;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.StaticUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;

/**
 * A local directory that answers like Active Directory where the engine can tell (schema, system
 * attributes, sAMAccountName uniqueness, result codes, range retrieval): an UnboundID in-memory
 * server on 127.0.0.1, loaded from an LDIF file, with one service account to bind as. For the demo
 * mode and tests; thread-safe.
 */
public final class DemoDirectory implements AutoCloseable {

    /** The bundled Fabrikam directory. */
    public static final String DEFAULT_LDIF = "/demo/directory.ldif";
    private static final String SCHEMA = "/demo/ad-schema.ldif";
    private static final String LOOPBACK = "127.0.0.1";

    /** How clients reach the server. */
    public enum Transport {
        /** Plain LDAP (the demo default; the engine allows it on loopback only). */
        LDAP,
        /** Plain LDAP that offers StartTLS. */
        LDAP_STARTTLS,
        /** LDAP over TLS. */
        LDAPS
    }

    private final InMemoryDirectoryServer server;
    private final AdBehaviour behaviour;
    private final DN baseDn;
    private final DN bindDn;
    private final String bindPassword;
    private final Sid domainSid;
    private final Transport transport;

    private DemoDirectory(InMemoryDirectoryServer server, AdBehaviour behaviour, DN baseDn, DN bindDn,
            String bindPassword, Sid domainSid, Transport transport) {
        this.server = server;
        this.behaviour = behaviour;
        this.baseDn = baseDn;
        this.bindDn = bindDn;
        this.bindPassword = bindPassword;
        this.domainSid = domainSid;
        this.transport = transport;
    }

    /** Starts the bundled Fabrikam directory over plain LDAP on {@code port} (0 = any free port). */
    public static DemoDirectory startDefault(int port) throws LDAPException {
        return startDefault(port, false);
    }

    /** Starts the bundled Fabrikam directory; {@code exchangeSchema} loads the Exchange schema extension. */
    public static DemoDirectory startDefault(int port, boolean exchangeSchema) throws LDAPException {
        try (InputStream in = DemoDirectory.class.getResourceAsStream(DEFAULT_LDIF)) {
            return start(Objects.requireNonNull(in, DEFAULT_LDIF), port, Transport.LDAP, null, exchangeSchema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a directory loaded from {@code ldif} over plain LDAP on {@code port} (0 = any free port). */
    public static DemoDirectory start(Path ldif, int port) throws LDAPException {
        return start(ldif, port, false);
    }

    /** Starts a directory loaded from {@code ldif}; {@code exchangeSchema} loads the Exchange schema extension. */
    public static DemoDirectory start(Path ldif, int port, boolean exchangeSchema) throws LDAPException {
        try (InputStream in = Files.newInputStream(ldif)) {
            return start(in, port, Transport.LDAP, null, exchangeSchema);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ldif, e);
        }
    }

    /** {@link #start(InputStream, int, Transport, SSLContext, boolean)} without the Exchange schema. */
    public static DemoDirectory start(InputStream ldif, int port, Transport transport, SSLContext tls)
            throws LDAPException {
        return start(ldif, port, transport, tls, false);
    }

    /**
     * Starts a directory loaded from {@code ldif}: the bundled fixture or an AD export ({@code ldifde},
     * {@code ldapsearch}; see demo-directory.md). The domain entry (objectClass {@code domainDNS} with an
     * {@code objectSid}) is the naming context; the bind account is the first entry carrying a
     * {@code userPassword}, or, when none does (a real export), a sync account created here with a random
     * password. {@code tls} is required for {@link Transport#LDAPS} and {@link Transport#LDAP_STARTTLS};
     * {@code exchangeSchema} adds Exchange's recipient attributes (msExch*, extensionAttribute1-15...) to the schema.
     */
    public static DemoDirectory start(InputStream ldif, int port, Transport transport, SSLContext tls,
            boolean exchangeSchema) throws LDAPException {
        LdifImport imported = LdifImport.read(ldif);
        Entry domain = imported.domain();
        DN baseDn = domain.getParsedDN();
        byte[] domainSidBytes = domain.getAttributeValueBytes("objectSid");
        if (domainSidBytes == null) {
            throw new IllegalArgumentException("the domain entry " + baseDn + " has no objectSid: add the domain's SID"
                    + " (objectSid:: <base64>) to the LDIF");
        }
        Sid domainSid = Sid.fromBytes(domainSidBytes);
        Entry account = imported.entries().stream().filter(e -> e.hasAttribute("userPassword")).findFirst()
                .orElse(null);
        SyncAccount created = account == null ? SyncAccount.forImport(imported, baseDn) : null;
        DN accountDn = account != null ? account.getParsedDN() : created.dn();
        String password = account != null ? account.getAttributeValue("userPassword") : created.password();

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDn);
        config.setSchema(AdSchema.covering(AdSchema.load(exchangeSchema), imported.entries()));
        config.setListenerConfigs(listener(port, transport, tls));
        config.setReferentialIntegrityAttributes("member", "managedBy");
        config.setEqualityIndexAttributes("objectGUID", "objectSid", "sAMAccountName", "adminDescription");
        config.setVendorName("group-writeback demo directory");
        config.setVendorVersion("UnboundID in-memory, AD-like");
        config.setCustomRootDSEAttributes(List.of(
                new Attribute("defaultNamingContext", baseDn.toString()),
                new Attribute("rootDomainNamingContext", baseDn.toString()),
                new Attribute("dnsHostName", "dc1." + dnsName(baseDn)),
                new Attribute("domainFunctionality", "7")));
        AdBehaviour behaviour = new AdBehaviour();
        config.addInMemoryOperationInterceptor(behaviour);
        InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);

        long highestRid = 0;
        long highestUsn = 0;
        List<Entry> stamped = new ArrayList<>(imported.entries().size());
        for (Entry e : imported.entries()) {
            highestUsn = Math.max(highestUsn, usn(e, "uSNCreated"));
            highestUsn = Math.max(highestUsn, usn(e, "uSNChanged"));
        }
        behaviour.raiseUsn(highestUsn);
        for (Entry e : imported.entries()) {
            stamped.add(behaviour.stampImported(e));
            byte[] sid = e.getAttributeValueBytes("objectSid");
            if (sid != null && e != domain) {
                String value = Sid.fromBytes(sid).value();
                if (value.startsWith(domainSid.value() + "-")) {
                    highestRid = Math.max(highestRid, Long.parseLong(value.substring(domainSid.value().length() + 1)));
                }
            }
        }
        server.addEntries(stamped);
        behaviour.attach(server, baseDn, domainSid, behaviour.highestCommittedUsn(), highestRid, accountDn, 0);
        server.startListening();
        DemoDirectory directory = new DemoDirectory(server, behaviour, baseDn, accountDn, password, domainSid,
                transport);
        if (created != null) {
            try (LDAPConnection c = server.getConnection()) {
                created.create(c, dnsName(baseDn));
            } catch (LDAPException e) {
                server.shutDown(true);
                throw e;
            }
        }
        return directory;
    }

    private static long usn(Entry e, String attribute) {
        Long value = e.getAttributeValueAsLong(attribute);
        return value == null ? 0 : value;
    }

    private static InMemoryListenerConfig listener(int port, Transport transport, SSLContext tls)
            throws LDAPException {
        InetAddress loopback;
        try {
            loopback = InetAddress.getByName(LOOPBACK);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (transport != Transport.LDAP) {
            Objects.requireNonNull(tls, "an SSLContext is needed for " + transport);
        }
        return switch (transport) {
            case LDAP -> InMemoryListenerConfig.createLDAPConfig("LDAP", loopback, port, null);
            case LDAP_STARTTLS -> InMemoryListenerConfig.createLDAPConfig("LDAP", loopback, port,
                    tls.getSocketFactory());
            case LDAPS -> InMemoryListenerConfig.createLDAPSConfig("LDAPS", loopback, port,
                    tls.getServerSocketFactory(), tls.getSocketFactory());
        };
    }

    static String dnsName(DN base) {
        StringBuilder sb = new StringBuilder();
        for (var rdn : base.getRDNs()) {
            if (rdn.hasAttribute("dc")) {
                sb.append(sb.length() == 0 ? "" : ".").append(rdn.getAttributeValues()[0]);
            }
        }
        return sb.toString();
    }

    /** The URL to configure, e.g. {@code ldap://127.0.0.1:38911}. */
    public String ldapUrl() {
        String scheme = transport == Transport.LDAPS ? "ldaps" : "ldap";
        return scheme + "://" + LOOPBACK + ":" + server.getListenPort();
    }

    /** The port the server listens on. */
    public int port() {
        return server.getListenPort();
    }

    /** The domain's naming context, e.g. {@code DC=fabrikam,DC=local}. */
    public DN baseDn() {
        return baseDn;
    }

    /** The domain SID (users and groups get RIDs below it). */
    public Sid domainSid() {
        return domainSid;
    }

    /** The service account to bind as. */
    public DN bindDn() {
        return bindDn;
    }

    /** The service account's password (a demo value from the LDIF, or the random one of the created sync account). */
    public String bindPassword() {
        return bindPassword;
    }

    /**
     * The directory part of a sync configuration that points at this server: writes the service
     * account's password to {@code passwordFile} (owner-only permissions where the file system
     * supports them) and names it. {@code caCertificate} is the PEM of the CA for LDAPS/StartTLS, or null.
     */
    public SyncConfiguration.Directory configuration(Path passwordFile, Path caCertificate) throws IOException {
        DataDirectory.writeSecretFile(passwordFile, (bindPassword + "\n").toCharArray());
        return new SyncConfiguration.Directory(ldapUrl(), bindDn.toString(), passwordFile.toString(),
                caCertificate == null ? null : caCertificate.toString(), baseDn.toString());
    }

    /** Adds a synced user with a given SID, e.g. for generated members of large demo groups. */
    public DN addUser(DN dn, Sid sid, String samAccountName) throws LDAPException {
        try (LDAPConnection c = server.getConnection()) {
            c.add(userEntry(dn, sid, samAccountName, "@" + dnsName(baseDn)));
        }
        return dn;
    }

    /** A synced user to add in bulk: where it lives, its SID and its sAMAccountName. */
    public record User(DN dn, Sid sid, String samAccountName) {
    }

    /**
     * Adds many users at once without going through LDAP (e.g. the generated members of scale demos), in
     * one {@link InMemoryDirectoryServer#addEntries} call: all or none are added. The AD system attributes
     * (objectGUID, uSNCreated/uSNChanged, whenCreated/whenChanged) are stamped here rather than by a
     * request interceptor. Faster than {@link #addUser}; the caller guarantees unique DNs and sAMAccountNames,
     * and that the parents exist.
     */
    public void addUsers(Collection<User> users) throws LDAPException {
        String upnSuffix = "@" + dnsName(baseDn);
        String now = StaticUtils.encodeGeneralizedTime(new Date());
        List<Entry> entries = new ArrayList<>(users.size());
        for (User u : users) {
            entries.add(behaviour.stampInPlace(userEntry(u.dn(), u.sid(), u.samAccountName(), upnSuffix), now));
        }
        server.addEntries(entries);
    }

    private static Entry userEntry(DN dn, Sid sid, String samAccountName, String upnSuffix) {
        Entry e = new Entry(dn);
        e.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
        e.addAttribute(dn.getRDN().getAttributeNames()[0], dn.getRDN().getAttributeValues()[0]);
        e.addAttribute("sAMAccountName", samAccountName);
        e.addAttribute("userPrincipalName", samAccountName + upnSuffix);
        e.addAttribute("objectSid", sid.toBytes());
        e.addAttribute("sAMAccountType", Integer.toString(AdBehaviour.SAM_USER_OBJECT));
        e.addAttribute("name", dn.getRDN().getAttributeValues()[0]);
        return e;
    }

    /** A connection to the server with full rights (not bound as the service account), for tests and fixtures. */
    public LDAPConnection connection() throws LDAPException {
        return server.getConnection();
    }

    /** Simulates missing delegation: the service account may no longer write under {@code subtree} (code 50). */
    public void denyWrites(DN subtree) {
        behaviour.denyWrites(subtree);
    }

    /** Undoes {@link #denyWrites(DN)}. */
    public void allowAllWrites() {
        behaviour.allowAllWrites();
    }

    /**
     * Makes unranged reads of {@code member} answer like Windows AD ({@code member;range=0-(n-1)} when a
     * group has more than {@code n} members); 0 (the default) answers like Samba, all values unranged.
     */
    public void setMaxValRange(int n) {
        behaviour.setMaxValRange(n);
    }

    /** The whole content as it is now, for {@link #restore}: tests rewind the directory between scenarios. */
    public InMemoryDirectoryServerSnapshot snapshot() {
        return server.createSnapshot();
    }

    /** Puts back the content of a {@link #snapshot()}; the USN counter keeps counting up, as after an AD restore. */
    public void restore(InMemoryDirectoryServerSnapshot snapshot) {
        server.restoreSnapshot(snapshot);
    }

    /** Client LDAP requests served so far: searches and writes (add, modify, modify DN, delete). */
    public record OperationCounts(long searches, long writes) {
    }

    /** The client LDAP requests this directory has served so far. */
    public OperationCounts operationCounts() {
        return new OperationCounts(behaviour.searches(), behaviour.writes());
    }

    /** The highest USN handed out so far (AD's {@code highestCommittedUSN}). */
    public long highestCommittedUsn() {
        return behaviour.highestCommittedUsn();
    }

    /** Stops listening and discards the data. */
    public void stop() {
        server.shutDown(true);
    }

    @Override
    public void close() {
        stop();
    }
}
