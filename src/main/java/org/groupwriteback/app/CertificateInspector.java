package org.groupwriteback.app;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.X509TrustManager;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.wizard.WizardServices.ServerCertificate;

/**
 * Reads the certificate an LDAP server presents ({@code ldaps://}, or StartTLS on {@code ldap://}) so that the
 * administrator can compare its SHA-256 fingerprint before trusting a new CA file. The connection made here
 * accepts any certificate for INSPECTION ONLY: it never binds and nothing is sent over it; the verdict whether the
 * chosen CA file trusts the server comes from a real trust manager.
 */
final class CertificateInspector {
    private CertificateInspector() {
    }

    /** Connects, records the presented chain, disconnects; {@code caPem} may be null (JVM trust store). */
    static ServerCertificate inspect(String ldapUrl, Path caPem) throws DirectoryException {
        LDAPURL url;
        try {
            url = new LDAPURL(ldapUrl);
        } catch (LDAPException | NullPointerException e) {
            throw new DirectoryException("'" + ldapUrl + "' is not an LDAP URL: use ldaps://dc.example.com");
        }
        Recorder recorder = new Recorder();
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(10_000);
        options.setResponseTimeoutMillis(30_000);
        boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
        try {
            SSLUtil inspection = new SSLUtil(recorder);
            if (ldaps) {
                try (LDAPConnection c = new LDAPConnection(inspection.createSSLSocketFactory(), options,
                        url.getHost(), url.getPort())) {
                    // the TLS handshake has happened on connect; nothing else is done
                    c.getConnectionID();
                }
            } else {
                try (LDAPConnection c = new LDAPConnection(options, url.getHost(), url.getPort())) {
                    ExtendedResult r = c.processExtendedOperation(
                            new StartTLSExtendedRequest(inspection.createSSLContext()));
                    if (r.getResultCode() != ResultCode.SUCCESS) {
                        throw new DirectoryException(url.getHost() + " does not offer StartTLS, so it presents no"
                                + " certificate: use ldaps:// or leave the CA certificate empty for plain LDAP on"
                                + " this machine", r.getResultCode(), ldapUrl, null);
                    }
                }
            }
        } catch (LDAPException e) {
            throw new DirectoryException("cannot read the certificate of " + ldapUrl + ": " + e.getMessage(),
                    e.getResultCode(), ldapUrl, e);
        } catch (GeneralSecurityException e) {
            throw new DirectoryException("cannot set up TLS to read the certificate of " + ldapUrl + ": "
                    + e.getMessage(), null, ldapUrl, e);
        }
        X509Certificate[] chain = recorder.chain.get();
        if (chain == null || chain.length == 0) {
            throw new DirectoryException(ldapUrl + " presented no certificate", null, ldapUrl, null);
        }
        X509Certificate leaf = chain[0];
        return new ServerCertificate(leaf.getSubjectX500Principal().getName(),
                leaf.getIssuerX500Principal().getName(), fingerprint(leaf), trusted(chain, recorder.authType.get(),
                        caPem));
    }

    private static boolean trusted(X509Certificate[] chain, String authType, Path caPem) {
        try {
            X509TrustManager real = caPem == null
                    ? com.unboundid.util.ssl.JVMDefaultTrustManager.getInstance()
                    : new PEMFileTrustManager(caPem.toFile());
            real.checkServerTrusted(chain, authType == null ? "UNKNOWN" : authType);
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** {@code AB:CD:...}, 32 bytes, upper case: how Windows and openssl show SHA-256 fingerprints. */
    static String fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Accepts any server chain and remembers it: used for the inspection connection only, never to bind. */
    private static final class Recorder implements X509TrustManager {
        final AtomicReference<X509Certificate[]> chain = new AtomicReference<>();
        final AtomicReference<String> authType = new AtomicReference<>();

        @Override
        public void checkClientTrusted(X509Certificate[] c, String type) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String type) {
            chain.set(c.clone());
            authType.set(type);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
