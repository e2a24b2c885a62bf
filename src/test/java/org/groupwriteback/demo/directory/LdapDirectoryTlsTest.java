package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Optional;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transport security of the engine's LDAP adapter: LDAPS and StartTLS against the demo directory with its own CA. */
class LdapDirectoryTlsTest {

    @TempDir
    static Path dir;
    static TestCertificates trusted;
    static TestCertificates other;

    @BeforeAll
    static void certificates() {
        trusted = TestCertificates.create(dir, "Fabrikam Test CA", true);
        other = TestCertificates.create(dir, "Unrelated CA", false);
    }

    private static DemoDirectory start(DemoDirectory.Transport transport) throws Exception {
        try (InputStream in = DemoDirectory.class.getResourceAsStream(DemoDirectory.DEFAULT_LDIF)) {
            return DemoDirectory.start(in, 0, transport, trusted.serverContext());
        }
    }

    private static SyncConfiguration.Directory config(String url, DemoDirectory demo, Path ca) {
        return new SyncConfiguration.Directory(url, demo.bindDn().toString(), null,
                ca == null ? null : ca.toString(), null);
    }

    @Test
    void ldapsWithTheConfiguredCaConnects() throws Exception {
        try (DemoDirectory demo = start(DemoDirectory.Transport.LDAPS)) {
            assertThat(demo.ldapUrl()).startsWith("ldaps://127.0.0.1:");
            try (LdapDirectory directory = LdapDirectory.open(config(demo.ldapUrl(), demo, trusted.caPem),
                    password(demo))) {
                assertThat(directory.test().defaultNamingContext()).isEqualToIgnoringCase("DC=fabrikam,DC=local");
            }
        }
    }

    @Test
    void ldapsWithAnotherCaIsRefusedNamingHostAndCaFile() throws Exception {
        try (DemoDirectory demo = start(DemoDirectory.Transport.LDAPS)) {
            assertThatThrownBy(() -> LdapDirectory.open(config(demo.ldapUrl(), demo, other.caPem), password(demo)))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.getMessage())
                            .startsWith("the certificate of 127.0.0.1 is not trusted by " + other.caPem));
        }
    }

    @Test
    void ldapsWithTheJvmDefaultTrustRefusesAPrivateCa() throws Exception {
        try (DemoDirectory demo = start(DemoDirectory.Transport.LDAPS)) {
            assertThatThrownBy(() -> LdapDirectory.open(config(demo.ldapUrl(), demo, null), password(demo)))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> {
                        assertThat(e.getMessage()).startsWith(
                                "the certificate of 127.0.0.1 is not trusted by the JVM's default trust store");
                        assertThat(e.kind()).isEqualTo(DirectoryException.Kind.UNAVAILABLE);
                    });
        }
    }

    @Test
    void ldapsToAHostTheCertificateDoesNotNameIsRefused() throws Exception {
        TestCertificates misnamed = TestCertificates.create(dir, "Misnamed CA", true,
                "--subject-alternative-name-dns", "dc9.example.test");
        try (InputStream in = DemoDirectory.class.getResourceAsStream(DemoDirectory.DEFAULT_LDIF);
                DemoDirectory demo = DemoDirectory.start(in, 0, DemoDirectory.Transport.LDAPS,
                        misnamed.serverContext())) {
            assertThatThrownBy(() -> LdapDirectory.open(config(demo.ldapUrl(), demo, misnamed.caPem),
                    password(demo)))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.getMessage())
                            .startsWith("the certificate of 127.0.0.1 is not issued for the name 127.0.0.1"));
        }
    }

    @Test
    void ldapsByHostNameConnectsWhenTheCertificateNamesIt() throws Exception {
        TestCertificates named = TestCertificates.create(dir, "Named CA", true,
                "--subject-alternative-name-dns", "localhost");
        try (InputStream in = DemoDirectory.class.getResourceAsStream(DemoDirectory.DEFAULT_LDIF);
                DemoDirectory demo = DemoDirectory.start(in, 0, DemoDirectory.Transport.LDAPS, named.serverContext())) {
            String byName = "ldaps://localhost:" + demo.port();
            try (LdapDirectory directory = LdapDirectory.open(config(byName, demo, named.caPem), password(demo))) {
                assertThat(directory.exists(demo.bindDn())).isTrue();
            }
            assertThatThrownBy(() -> LdapDirectory.open(config(demo.ldapUrl(), demo, named.caPem), password(demo)))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.getMessage())
                            .startsWith("the certificate of 127.0.0.1 is not issued for the name 127.0.0.1"));
        }
    }

    @Test
    void startTlsIsUsedWhenOfferedAndValidatesTheCertificate() throws Exception {
        try (DemoDirectory demo = start(DemoDirectory.Transport.LDAP_STARTTLS)) {
            assertThat(demo.ldapUrl()).startsWith("ldap://");
            try (LdapDirectory directory = LdapDirectory.open(config(demo.ldapUrl(), demo, trusted.caPem),
                    password(demo))) {
                assertThat(directory.test().dnsHostName()).isEqualTo("dc1.fabrikam.local");
            }
            assertThatThrownBy(() -> LdapDirectory.open(config(demo.ldapUrl(), demo, other.caPem), password(demo)))
                    .isInstanceOfSatisfying(DirectoryException.class, e -> assertThat(e.getMessage())
                            .startsWith("the certificate of 127.0.0.1 is not trusted by " + other.caPem));
        }
    }

    private static Secret password(DemoDirectory demo) {
        return Secret.of("directory password", demo.bindPassword().toCharArray());
    }
}
