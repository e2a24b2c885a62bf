package org.groupwriteback.demo.directory;

import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/** A throw-away CA and a server certificate it issued (for 127.0.0.1 and localhost), made with the SDK's tool. */
final class TestCertificates {

    private static final String PASSWORD = "changeit-test";

    final Path caPem;
    final Path serverKeyStore;

    private TestCertificates(Path caPem, Path serverKeyStore) {
        this.caPem = caPem;
        this.serverKeyStore = serverKeyStore;
    }

    /** Makes a CA named {@code caName} in {@code dir}; with {@code issueServer}, also a server certificate. */
    static TestCertificates create(Path dir, String caName, boolean issueServer) {
        return create(dir, caName, issueServer, "--subject-alternative-name-ip-address", "127.0.0.1",
                "--subject-alternative-name-dns", "localhost");
    }

    /** As {@link #create(Path, String, boolean)} with the given subject alternative name arguments. */
    static TestCertificates create(Path dir, String caName, boolean issueServer, String... sanArguments) {
        Path caStore = dir.resolve(caName + ".p12");
        Path caPem = dir.resolve(caName + ".pem");
        run("generate-self-signed-certificate", "--keystore", caStore.toString(), "--keystore-password", PASSWORD,
                "--keystore-type", "PKCS12", "--alias", "ca", "--subject-dn", "CN=" + caName, "--days-valid", "2",
                "--key-algorithm", "EC", "--key-size-bits", "256", "--signature-algorithm", "SHA256withECDSA",
                "--basic-constraints-is-ca", "true", "--key-usage", "key-cert-sign");
        run("export-certificate", "--keystore", caStore.toString(), "--keystore-password", PASSWORD, "--alias", "ca",
                "--output-format", "PEM", "--output-file", caPem.toString());
        if (!issueServer) {
            return new TestCertificates(caPem, null);
        }
        Path serverStore = dir.resolve(caName + "-server.p12");
        Path csr = dir.resolve(caName + "-server.csr");
        Path cert = dir.resolve(caName + "-server.pem");
        run("generate-certificate-signing-request", "--keystore", serverStore.toString(), "--keystore-password",
                PASSWORD, "--keystore-type", "PKCS12", "--alias", "server", "--subject-dn", "CN=directory server",
                "--key-algorithm", "EC", "--key-size-bits", "256", "--signature-algorithm", "SHA256withECDSA",
                "--output-file", csr.toString(), "--output-format", "PEM");
        java.util.List<String> sign = new java.util.ArrayList<>(java.util.List.of("sign-certificate-signing-request",
                "--request-input-file", csr.toString(), "--keystore", caStore.toString(), "--keystore-password",
                PASSWORD, "--signing-certificate-alias", "ca", "--certificate-output-file", cert.toString(),
                "--output-format", "PEM", "--days-valid", "2", "--extended-key-usage", "server-auth", "--no-prompt"));
        sign.addAll(java.util.List.of(sanArguments));
        run(sign.toArray(new String[0]));
        run("import-certificate", "--keystore", serverStore.toString(), "--keystore-password", PASSWORD, "--alias",
                "server", "--certificate-file", cert.toString(), "--certificate-file", caPem.toString(), "--no-prompt");
        return new TestCertificates(caPem, serverStore);
    }

    /** The server side's SSLContext (its key and chain; it asks for no client certificate). */
    SSLContext serverContext() throws Exception {
        return new SSLUtil(new KeyStoreKeyManager(serverKeyStore.toFile(), PASSWORD.toCharArray(), "PKCS12", "server"),
                new TrustAllTrustManager()).createSSLContext();
    }

    private static void run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultCode rc = ManageCertificates.main(null, out, out, args);
        if (rc != ResultCode.SUCCESS) {
            throw new IllegalStateException("manage-certificates " + args[0] + " failed: " + out);
        }
    }
}
