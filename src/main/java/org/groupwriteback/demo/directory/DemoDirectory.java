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
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.groupwriteback.engine.ad.Sid;
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
        try (InputStream in = DemoDirectory.class.getResourceAsStream(DEFAULT_LDIF)) {
            return start(Objects.requireNonNull(in, DEFAULT_LDIF), port, Transport.LDAP, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts a directory loaded from {@code ldif} over plain LDAP on {@code port} (0 = any free port). */
    public static DemoDirectory start(Path ldif, int port) throws LDAPException {
        try (InputStream in = Files.newInputStream(ldif)) {
            return start(in, port, Transport.LDAP, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ldif, e);
        }
    }

    /**
     * Starts a directory loaded from {@code ldif}. The first entry is the domain (objectClass
     * {@code domainDNS} with an {@code objectSid}); the bind account is the first entry carrying a
     * {@code userPassword}. {@code tls} is required for {@link Transport#LDAPS} and
     * {@link Transport#LDAP_STARTTLS}.
     */
    public static DemoDirectory start(InputStream ldif, int port, Transport transport, SSLContext tls)
            throws LDAPException {
        List<Entry> entries = readLdif(ldif);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("the LDIF holds no entries");
        }
        Entry domain = entries.get(0);
        DN baseDn = domain.getParsedDN();
        byte[] domainSidBytes = domain.getAttributeValueBytes("objectSid");
        if (domainSidBytes == null) {
            throw new IllegalArgumentException("the domain entry " + baseDn + " has no objectSid");
        }
        Sid domainSid = Sid.fromBytes(domainSidBytes);
        Entry account = entries.stream().filter(e -> e.hasAttribute("userPassword")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no entry with a userPassword to bind as"));

        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(baseDn);
        config.setSchema(adSchema());
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
        List<Entry> stamped = new ArrayList<>(entries.size());
        for (Entry e : entries) {
            stamped.add(behaviour.stampImported(e));
            byte[] sid = e.getAttributeValueBytes("objectSid");
            if (sid != null && e != domain) {
                String[] parts = Sid.fromBytes(sid).value().split("-");
                highestRid = Math.max(highestRid, Long.parseLong(parts[parts.length - 1]));
            }
        }
        server.addEntries(stamped);
        behaviour.attach(server, baseDn, domainSid, behaviour.highestCommittedUsn(), highestRid,
                account.getParsedDN(), 0);
        server.startListening();
        return new DemoDirectory(server, behaviour, baseDn, account.getParsedDN(),
                account.getAttributeValue("userPassword"), domainSid, transport);
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

    /** The AD-like schema: the UnboundID standard schema with the AD subset of {@code ad-schema.ldif} over it. */
    static Schema adSchema() {
        try (InputStream in = DemoDirectory.class.getResourceAsStream(SCHEMA)) {
            Schema ad = Schema.getSchema(Objects.requireNonNull(in, SCHEMA));
            return Schema.mergeSchemas(Schema.getDefaultStandardSchema(), ad);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LDIFException | LDAPException e) {
            throw new IllegalStateException("the bundled AD schema is invalid: " + e.getMessage(), e);
        }
    }

    private static List<Entry> readLdif(InputStream ldif) {
        List<Entry> entries = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(ldif)) {
            Entry e;
            while ((e = reader.readEntry()) != null) {
                entries.add(e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (LDIFException e) {
            throw new IllegalArgumentException("invalid LDIF: " + e.getMessage(), e);
        }
        return entries;
    }

    private static String dnsName(DN base) {
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

    /** The service account's password (a demo value from the LDIF). */
    public String bindPassword() {
        return bindPassword;
    }

    /**
     * The directory part of a sync configuration that points at this server: writes the service
     * account's password to {@code passwordFile} (owner-only permissions where the file system
     * supports them) and names it. {@code caCertificate} is the PEM of the CA for LDAPS/StartTLS, or null.
     */
    public SyncConfiguration.Directory configuration(Path passwordFile, Path caCertificate) throws IOException {
        Files.writeString(passwordFile, bindPassword + "\n");
        try {
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the file inherits the directory's ACL.
        }
        return new SyncConfiguration.Directory(ldapUrl(), bindDn.toString(), passwordFile.toString(),
                caCertificate == null ? null : caCertificate.toString(), baseDn.toString());
    }

    /** Adds a synced user with a given SID, e.g. for generated members of large demo groups. */
    public DN addUser(DN dn, Sid sid, String samAccountName) throws LDAPException {
        try (LDAPConnection c = server.getConnection()) {
            c.add(userEntry(dn, sid, samAccountName));
        }
        return dn;
    }

    /** A synced user to add in bulk: where it lives, its SID and its sAMAccountName. */
    public record User(DN dn, Sid sid, String samAccountName) {
    }

    /**
     * Adds many users at once without going through LDAP (e.g. the generated members of scale demos).
     * Faster than {@link #addUser}; the caller guarantees unique DNs and sAMAccountNames.
     */
    public void addUsers(Collection<User> users) throws LDAPException {
        List<Entry> entries = new ArrayList<>(users.size());
        for (User u : users) {
            entries.add(behaviour.stampImported(userEntry(u.dn(), u.sid(), u.samAccountName())));
        }
        server.addEntries(entries);
    }

    private Entry userEntry(DN dn, Sid sid, String samAccountName) {
        Entry e = new Entry(dn);
        e.addAttribute("objectClass", "top", "person", "organizationalPerson", "user");
        e.addAttribute(dn.getRDN().getAttributeNames()[0], dn.getRDN().getAttributeValues()[0]);
        e.addAttribute("sAMAccountName", samAccountName);
        e.addAttribute("userPrincipalName", samAccountName + "@" + dnsName(baseDn));
        e.addAttribute("objectSid", sid.toBytes());
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
