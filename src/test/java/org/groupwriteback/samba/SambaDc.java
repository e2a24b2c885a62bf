package org.groupwriteback.samba;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

/**
 * A running throw-away Samba 4 AD DC (realm {@value #REALM}) on a loopback address, started as a child process of
 * the test JVM; gives tests its URLs, the admin and sync-account credentials, the fixture DNs and the CA to trust.
 * Get one through {@link SambaTest}/{@link SambaExtension}; it is stopped after the test class.
 */
public final class SambaDc implements AutoCloseable {
    /** Kerberos realm (upper-case DNS domain). */
    public static final String REALM = "CORP.EXAMPLE.TEST";
    /** NetBIOS domain name, as in {@code CORP\svc-sync}. */
    public static final String NETBIOS_DOMAIN = "CORP";
    public static final DN BASE_DN = dn("DC=corp,DC=example,DC=test");
    public static final DN ADMIN_DN = dn("CN=Administrator,CN=Users,DC=corp,DC=example,DC=test");
    public static final String ADMIN_PASSWORD = "Adm1n!Passw0rd";
    /** OU holding the sync account. */
    public static final DN SYNC_OU = child(BASE_DN, "OU", "Sync");
    /** The OU the permissions tests delegate and the engine writes groups into. */
    public static final DN GROUPS_OU = child(SYNC_OU, "OU", "Groups");
    /** An OU outside the delegation. */
    public static final DN OTHER_OU = child(BASE_DN, "OU", "Other");
    public static final DN PEOPLE_OU = child(BASE_DN, "OU", "People");
    /**
     * Holds {@link #MANY_USERS} users {@code CN=many0000..}, for groups above 1,500 members; present only for
     * classes annotated {@code @SambaTest(manyUsers = true)}.
     */
    public static final DN MANY_OU = child(BASE_DN, "OU", "Many");
    public static final String SERVICE_SAM = "svc-sync";
    public static final DN SERVICE_DN = child(SYNC_OU, "CN", SERVICE_SAM);
    public static final String SERVICE_UPN = "svc-sync@corp.example.test";
    public static final String SERVICE_PASSWORD = "Svc!Passw0rd1";
    public static final DN ALICE_DN = child(PEOPLE_OU, "CN", "Alice");
    public static final DN BOB_DN = child(PEOPLE_OU, "CN", "Bob");
    /** A universal security group (members Alice, Bob) already in {@link #GROUPS_OU}, not created by the engine. */
    public static final DN SEC_UNIVERSAL_DN = child(GROUPS_OU, "CN", "Sec-Universal");
    /** A universal distribution group (member Alice) already in {@link #GROUPS_OU}. */
    public static final DN DIST_UNIVERSAL_DN = child(GROUPS_OU, "CN", "Dist-Universal");

    /** Number of users under {@link #MANY_OU}. */
    public static final int MANY_USERS = SambaTemplate.MANY_USERS;

    private static final int LDAP_PORT = 389;
    private static final int LDAPS_PORT = 636;

    private final Path dir;
    private final String host;
    private volatile Process process;
    private final long startToReadyMillis;

    private SambaDc(Path dir, String host, Process process, long startToReadyMillis) {
        this.dir = dir;
        this.host = host;
        this.process = process;
        this.startToReadyMillis = startToReadyMillis;
    }

    /** DN of the i-th user under {@link #MANY_OU}. */
    public static DN manyUser(int i) {
        return child(MANY_OU, "CN", String.format("many%04d", i));
    }

    /**
     * Starts {@code samba -i -M single} on the provisioned directory and waits until an admin bind works
     * (samba-ad.md §10): stdin stays a pipe held by this JVM, so samba exits by itself if the JVM dies.
     */
    static SambaDc start(Path dir, String host) {
        long t0 = System.nanoTime();
        Process p = launch(dir, host);
        return new SambaDc(dir, host, p, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Spawns samba on {@code dir} and returns once an admin bind works. */
    private static Process launch(Path dir, String host) {
        Path log = dir.resolve("log").resolve("samba-stdout.log");
        Process p;
        try {
            p = new ProcessBuilder("samba", "-i", "-M", "single", "-s", dir.resolve("etc/smb.conf").toString(),
                    "--maximum-runtime=3600")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start samba: " + e.getMessage(), e);
        }
        LDAPException last = null;
        for (int i = 0; i < 300; i++) {
            if (!p.isAlive()) {
                throw new IllegalStateException("samba exited with " + p.exitValue() + " before it answered; see " + log);
            }
            try (LDAPConnection c = new LDAPConnection(host, LDAP_PORT, ADMIN_DN.toString(), ADMIN_PASSWORD)) {
                return p;
            } catch (LDAPException e) {
                last = e;
                sleep(100);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("samba did not accept a bind within 30 s (last: "
                + (last == null ? "-" : last.getMessage()) + "); see " + log);
    }

    /**
     * Starts samba again on the same state directory after {@link #close()} (a DC restart: same domain, same
     * objects, new TLS certificate if one was put in place meanwhile); returns once an admin bind works.
     */
    public synchronized void restart() {
        close();
        process = launch(dir, host);
    }

    /** Loopback address samba listens on (ports 389, 636). */
    public String host() {
        return host;
    }

    public int ldapPort() {
        return LDAP_PORT;
    }

    public int ldapsPort() {
        return LDAPS_PORT;
    }

    public String ldapUrl() {
        return "ldap://" + host + ":" + LDAP_PORT;
    }

    public String ldapsUrl() {
        return "ldaps://" + host + ":" + LDAPS_PORT;
    }

    /** PEM of the CA that issued the DC's certificate (SAN: the loopback IP, dc1.corp.example.test, localhost). */
    public Path caCertificate() {
        return dir.resolve("tls/ca.crt");
    }

    /** PEM of a different CA with the same subject name: trusting only it must make TLS fail. */
    public Path unrelatedCaCertificate() {
        return dir.resolve("tls/other-ca.crt");
    }

    /** The live state directory (smb.conf, sam.ldb, logs). */
    public Path directory() {
        return dir;
    }

    public long pid() {
        return process.pid();
    }

    long startToReadyMillis() {
        return startToReadyMillis;
    }

    /** Plain-LDAP simple bind as Administrator (Samba allows it here: strong auth is switched off). */
    public LDAPConnection connectAdmin() throws LDAPException {
        return connect(ADMIN_DN, ADMIN_PASSWORD);
    }

    /** Plain-LDAP simple bind as the sync account {@link #SERVICE_DN}. */
    public LDAPConnection connectService() throws LDAPException {
        return connect(SERVICE_DN, SERVICE_PASSWORD);
    }

    /** Plain-LDAP simple bind; {@code bindName} may be a DN, a UPN or {@code CORP\sam}. */
    public LDAPConnection connect(Object bindName, String password) throws LDAPException {
        return new LDAPConnection(host, LDAP_PORT, bindName.toString(), password);
    }

    /** LDAPS bind trusting only {@code caPem}, with host-name (IP SAN) verification. */
    public LDAPConnection connectLdaps(Path caPem, DN bindDn, String password) throws LDAPException {
        LDAPConnectionOptions o = new LDAPConnectionOptions();
        o.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        try {
            SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(caPem.toFile()));
            return new LDAPConnection(ssl.createSSLSocketFactory(), o, host, LDAPS_PORT, bindDn.toString(), password);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS with " + caPem, e);
        }
    }

    /** Plain connection upgraded with StartTLS (trusting only {@code caPem}), then a simple bind. */
    public LDAPConnection connectStartTls(Path caPem, DN bindDn, String password) throws LDAPException {
        LDAPConnectionOptions o = new LDAPConnectionOptions();
        o.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        LDAPConnection c = new LDAPConnection(o, host, LDAP_PORT);
        try {
            SSLUtil ssl = new SSLUtil(new PEMFileTrustManager(caPem.toFile()));
            ExtendedResult r = c.processExtendedOperation(new StartTLSExtendedRequest(ssl.createSSLContext()));
            if (r.getResultCode() != ResultCode.SUCCESS) {
                throw new LDAPException(r);
            }
            c.bind(bindDn.toString(), password);
            return c;
        } catch (GeneralSecurityException e) {
            c.close();
            throw new IllegalStateException("cannot set up TLS with " + caPem, e);
        } catch (LDAPException e) {
            c.close();
            throw e;
        }
    }

    /**
     * The object's security descriptor in SDDL as Samba itself prints it ({@code samba-tool dsacl get}): an
     * independent parser to check what our code wrote.
     */
    public String sddlOf(DN object) {
        String out = Shell.run(null, 60, "samba-tool", "dsacl", "get", "-H", ldapUrl(),
                "--simple-bind-dn=" + ADMIN_DN, "--password=" + ADMIN_PASSWORD, "--objectdn=" + object);
        int start = out.indexOf("O:");
        return start < 0 ? out.trim() : out.substring(start).trim();
    }

    /** Stops samba by its pid (SIGTERM, then SIGKILL after 10 s); exit 0 and 127 both count as clean. */
    @Override
    public synchronized void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static DN dn(String text) {
        try {
            return new DN(text);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static DN child(DN parent, String type, String value) {
        return new DN(new RDN(type, value), parent);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for samba", e);
        }
    }
}
