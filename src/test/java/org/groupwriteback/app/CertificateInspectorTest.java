package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.demo.tls.LocalCertificateAuthority;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.wizard.WizardServices.ServerCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fingerprint shown before a new CA file is trusted, read from a real LDAPS / StartTLS server. */
class CertificateInspectorTest {
    @TempDir
    Path dir;

    private static final LocalCertificateAuthority CA = new LocalCertificateAuthority("Inspector Test");
    private static final LocalCertificateAuthority OTHER = new LocalCertificateAuthority("Someone Else");

    private static DemoDirectory start(DemoDirectory.Transport transport) throws Exception {
        try (InputStream ldif = DemoDirectory.class.getResourceAsStream(DemoDirectory.DEFAULT_LDIF)) {
            return DemoDirectory.start(ldif, 0, transport, CA.serverSslContext());
        }
    }

    private static String sha256(byte[] der) throws Exception {
        return HexFormat.ofDelimiter(":").formatHex(MessageDigest.getInstance("SHA-256").digest(der)).toUpperCase();
    }

    @Test
    void ldapsShowsTheServerFingerprintAndWhetherTheChosenCaTrustsIt() throws Exception {
        Path right = CA.writeCaPem(dir, "ca.pem");
        Path wrong = OTHER.writeCaPem(dir, "other.pem");
        try (DemoDirectory d = start(DemoDirectory.Transport.LDAPS)) {
            ServerCertificate trusted = CertificateInspector.inspect(d.ldapUrl(), right);
            assertThat(trusted.sha256Fingerprint()).isEqualTo(sha256(CA.serverCertificate().getEncoded()));
            assertThat(trusted.subject()).isEqualTo(CA.serverCertificate().getSubjectX500Principal().getName());
            assertThat(trusted.trusted()).isTrue();

            ServerCertificate untrusted = CertificateInspector.inspect(d.ldapUrl(), wrong);
            assertThat(untrusted.sha256Fingerprint()).isEqualTo(trusted.sha256Fingerprint());
            assertThat(untrusted.trusted()).isFalse();
        }
    }

    @Test
    void startTlsPresentsTheSameCertificate() throws Exception {
        Path right = CA.writeCaPem(dir, "ca.pem");
        try (DemoDirectory d = start(DemoDirectory.Transport.LDAP_STARTTLS)) {
            ServerCertificate c = CertificateInspector.inspect(d.ldapUrl(), right);
            assertThat(c.sha256Fingerprint()).isEqualTo(sha256(CA.serverCertificate().getEncoded()));
            assertThat(c.trusted()).isTrue();
        }
    }

    @Test
    void aServerWithoutTlsSaysThereIsNoCertificateToCheck() throws Exception {
        try (DemoDirectory d = DemoDirectory.startDefault(0)) {
            assertThatThrownBy(() -> CertificateInspector.inspect(d.ldapUrl(), null))
                    .isInstanceOf(DirectoryException.class).hasMessageContaining("StartTLS");
        }
    }
}
