package org.groupwriteback.samba;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A provisioned, seeded and stopped Samba AD DC kept on disk as a snapshot (samba-ad.md §2, §4, §9): built once
 * per test JVM, then copied over the live directory before each test class so every class starts from the same
 * domain (same SID, GUIDs and USNs). Closing it (at the end of the JUnit run) stops samba and deletes the files.
 */
final class SambaTemplate implements ExtensionContext.Store.CloseableResource {
    /** Users created under {@link SambaDc#MANY_OU} so that a group with more than 1,500 members can be built. */
    static final int MANY_USERS = 1_600;

    /** Keeps the address locks reachable for the life of the JVM. */
    private static final List<java.nio.channels.FileLock> ADDRESS_LOCKS = new ArrayList<>();

    private final Path root;
    private final Path live;
    private final Path template;
    private final String host;
    private final long createdNanos;
    private long provisionMillis;
    private boolean hasManyUsers;
    private int starts;
    private SambaDc running;

    private SambaTemplate(Path root, String host, long createdNanos) {
        this.createdNanos = createdNanos;
        this.root = root;
        this.live = root.resolve("dc");
        this.template = root.resolve("template");
        this.host = host;
    }

    /** Why this machine cannot run the Samba suite, or null when it can. */
    static String unavailableReason() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of("samba", "samba-tool", "openssl", "ip", "cp")) {
            if (!Shell.onPath(tool)) {
                missing.add(tool);
            }
        }
        if (!Files.isDirectory(Path.of("/usr/share/samba/setup"))) {
            missing.add("/usr/share/samba/setup (package samba-ad-provision)");
        }
        if (!missing.isEmpty()) {
            return "Samba AD tests need " + String.join(", ", missing)
                    + ": apt-get install samba samba-ad-dc samba-ad-provision winbind ldap-utils";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "Samba AD tests must run as root (loopback address, ports 389/636); running as "
                    + System.getProperty("user.name");
        }
        return null;
    }

    /** Provisions, seeds and snapshots a DC; 5-8 s plus the {@value #MANY_USERS} users. */
    static SambaTemplate provision() {
        removeStaleDirectories();
        long t0 = System.nanoTime();
        // short path: samba's unix sockets under it must stay within the 108-byte sun_path limit (samba-ad.md §10.2)
        Path root = Path.of("/tmp", "gwb-samba-" + ProcessHandle.current().pid());
        deleteTree(root);
        String host = freeLoopbackAddress();
        Path live = root.resolve("dc");
        Shell.run(null, 120, "samba-tool", "domain", "provision", "--quiet",
                "--realm=" + SambaDc.REALM, "--domain=" + SambaDc.NETBIOS_DOMAIN,
                "--adminpass=" + SambaDc.ADMIN_PASSWORD, "--server-role=dc", "--dns-backend=NONE",
                "--host-name=DC1", "--targetdir=" + live,
                "--option=interfaces=" + host, "--option=bind interfaces only=yes",
                "--option=server services=ldap",
                "--option=pid directory=" + live.resolve("run"),
                "--option=log file=" + live.resolve("log/samba.log"));
        makeCertificates(live.resolve("tls"), host);
        appendGlobalSettings(live);
        SambaTemplate t = new SambaTemplate(root, host, t0);
        try (SambaDc dc = SambaDc.start(live, host)) {
            seed(dc);
        }
        Shell.run(null, 120, "cp", "-a", live.toString(), t.template.toString());
        long millis = (System.nanoTime() - t0) / 1_000_000;
        t.provisionMillis = millis;
        System.out.printf("[samba] provisioned + seeded template %s on %s in %d ms%n", t.template, host, millis);
        return t;
    }

    /**
     * Stops the DC left by the previous class, restores the snapshot and starts a fresh DC from it. The first class
     * that asks for {@code manyUsers} pays once for adding them (about 15-25 s) and they go into the snapshot.
     */
    synchronized SambaDc startFresh(boolean manyUsers) {
        if (manyUsers && !hasManyUsers) {
            addManyUsersToSnapshot();
        }
        long t0 = System.nanoTime();
        if (running != null) {
            running.close();
        }
        deleteTree(live);
        // cp -a keeps modes: samba refuses a TLS key that is not 0600 (samba-ad.md §6)
        Shell.run(null, 120, "cp", "-a", template.toString(), live.toString());
        running = SambaDc.start(live, host);
        starts++;
        System.out.printf("[samba] reset (stop + restore + start + ready) in %d ms; start->ready %d ms%n",
                (System.nanoTime() - t0) / 1_000_000, running.startToReadyMillis());
        return running;
    }

    private void addManyUsersToSnapshot() {
        SambaDc dc = startFresh(false);
        long t0 = System.nanoTime();
        try (LDAPConnection c = dc.connectAdmin()) {
            c.add(new Entry(SambaDc.MANY_OU, new Attribute("objectClass", "organizationalUnit")));
            for (int i = 0; i < MANY_USERS; i++) {
                c.add(new Entry(SambaDc.manyUser(i), new Attribute("objectClass", "user"),
                        new Attribute("sAMAccountName", String.format("many%04d", i))));
            }
        } catch (LDAPException e) {
            throw new IllegalStateException("adding the many-users fixture failed: " + e.getMessage(), e);
        }
        dc.close();
        running = null;
        deleteTree(template);
        Shell.run(null, 120, "cp", "-a", live.toString(), template.toString());
        hasManyUsers = true;
        System.out.printf("[samba] %d users added to the snapshot in %d ms%n", MANY_USERS,
                (System.nanoTime() - t0) / 1_000_000);
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            running.close();
            running = null;
        }
        System.out.printf("[samba] suite: %d DC start(s), provisioning %d ms, total %d ms%n", starts,
                provisionMillis, (System.nanoTime() - createdNanos) / 1_000_000);
        deleteTree(root);
    }

    private static void seed(SambaDc dc) {
        try (LDAPConnection c = dc.connectAdmin()) {
            for (DN ou : List.of(SambaDc.SYNC_OU, SambaDc.GROUPS_OU, SambaDc.OTHER_OU, SambaDc.PEOPLE_OU)) {
                c.add(new Entry(ou, new Attribute("objectClass", "organizationalUnit")));
            }
            byte[] pw = ('"' + SambaDc.SERVICE_PASSWORD + '"').getBytes(StandardCharsets.UTF_16LE);
            c.add(new Entry(SambaDc.SERVICE_DN,
                    new Attribute("objectClass", "user"),
                    new Attribute("sAMAccountName", SambaDc.SERVICE_SAM),
                    new Attribute("userPrincipalName", SambaDc.SERVICE_UPN),
                    new Attribute("unicodePwd", pw),
                    new Attribute("userAccountControl", "66048")));
            c.add(new Entry(SambaDc.ALICE_DN, new Attribute("objectClass", "user"),
                    new Attribute("sAMAccountName", "alice")));
            c.add(new Entry(SambaDc.BOB_DN, new Attribute("objectClass", "user"),
                    new Attribute("sAMAccountName", "bob")));
            c.add(new Entry(SambaDc.SEC_UNIVERSAL_DN, new Attribute("objectClass", "group"),
                    new Attribute("sAMAccountName", "Sec-Universal"),
                    new Attribute("groupType", "-2147483640"),
                    new Attribute("member", SambaDc.ALICE_DN.toString(), SambaDc.BOB_DN.toString())));
            c.add(new Entry(SambaDc.DIST_UNIVERSAL_DN, new Attribute("objectClass", "group"),
                    new Attribute("sAMAccountName", "Dist-Universal"),
                    new Attribute("groupType", "8"),
                    new Attribute("mail", "dist-universal@corp.example.test"),
                    new Attribute("member", SambaDc.ALICE_DN.toString())));
        } catch (LDAPException e) {
            throw new IllegalStateException("seeding the Samba DC failed: " + e.getMessage(), e);
        }
    }

    private static void makeCertificates(Path tls, String host) {
        try {
            Files.createDirectories(tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Shell.run(tls, 60, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
                "-subj", "/CN=Test AD Root CA", "-keyout", "ca.key", "-out", "ca.crt",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
        Shell.run(tls, 60, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=dc1.corp.example.test",
                "-keyout", "dc.key", "-out", "dc.csr");
        write(tls.resolve("dc.ext"), "subjectAltName=IP:" + host + ",DNS:dc1.corp.example.test,DNS:localhost\n"
                + "extendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature,keyEncipherment\n"
                + "basicConstraints=CA:FALSE\n");
        Shell.run(tls, 60, "openssl", "x509", "-req", "-in", "dc.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-days", "825", "-out", "dc.crt", "-extfile", "dc.ext");
        // a second, unrelated CA with the same subject: a client trusting only it must refuse the DC
        Shell.run(tls, 60, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "3650",
                "-subj", "/CN=Test AD Root CA", "-keyout", "other-ca.key", "-out", "other-ca.crt");
        Shell.run(tls, 10, "chmod", "600", "ca.key", "dc.key", "other-ca.key");
    }

    /** Settings provision does not persist (samba-ad.md §2 step 4), inserted right after {@code [global]}. */
    private static void appendGlobalSettings(Path live) {
        Path conf = live.resolve("etc/smb.conf");
        Path tls = live.resolve("tls");
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(conf));
            int global = lines.indexOf("[global]");
            if (global < 0) {
                throw new IllegalStateException("no [global] section in " + conf);
            }
            lines.addAll(global + 1, List.of(
                    "\tldap server require strong auth = no",
                    "\tldb:nosync = true",
                    "\ttls enabled = yes",
                    "\ttls keyfile = " + tls.resolve("dc.key"),
                    "\ttls certfile = " + tls.resolve("dc.crt"),
                    "\ttls cafile = " + tls.resolve("ca.crt")));
            Files.write(conf, lines);
            Files.createDirectories(live.resolve("run"));
            Files.createDirectories(live.resolve("log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first of 127.0.0.2..127.0.0.30 with nothing on ports 389/636 and no other test JVM holding it, added to
     * {@code lo} when missing: samba silently ignores an interface address that no interface carries
     * (samba-ad.md §2). The address stays locked (a file lock in /tmp) until this JVM exits, so two builds on one
     * machine do not provision onto the same address.
     */
    private static String freeLoopbackAddress() {
        String shown = Shell.run(null, 10, "ip", "-4", "-o", "addr", "show", "dev", "lo");
        for (int i = 2; i <= 30; i++) {
            String ip = "127.0.0." + i;
            if (!lockAddress(ip) || listening(ip, 389) || listening(ip, 636)) {
                continue;
            }
            if (!shown.contains(" " + ip + "/")) {
                Shell.run(null, 10, "ip", "addr", "add", ip + "/32", "dev", "lo");
            }
            return ip;
        }
        throw new IllegalStateException("no free loopback address in 127.0.0.2-30 for ports 389/636");
    }

    private static boolean lockAddress(String ip) {
        try {
            java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(
                    Path.of("/tmp", "gwb-samba-" + ip + ".lock"), java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.WRITE);
            java.nio.channels.FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                return false;
            }
            ADDRESS_LOCKS.add(lock); // held (never released) until the JVM exits
            return true;
        } catch (IOException | java.nio.channels.OverlappingFileLockException e) {
            return false;
        }
    }

    private static boolean listening(String ip, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Removes directories left by test JVMs that were killed before they could clean up. */
    private static void removeStaleDirectories() {
        try (Stream<Path> s = Files.list(Path.of("/tmp"))) {
            s.filter(p -> p.getFileName().toString().matches("gwb-samba-\\d+")).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString().substring("gwb-samba-".length()));
                if (ProcessHandle.of(pid).isEmpty()) {
                    deleteTree(p);
                }
            });
        } catch (IOException e) {
            // best effort only
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
