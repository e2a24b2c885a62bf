package org.groupwriteback.engine.graph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TLS trust built from a configured CA certificate file (PEM): the engine trusts exactly those CAs for
 * one connection, never by changing the JVM-wide trust store. Certificate validation stays on.
 */
public record PemTrust(X509TrustManager trustManager, SSLContext sslContext) {

    /** Loads every certificate in {@code pemFile} as a trust anchor. */
    public static PemTrust load(Path pemFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        int count = 0;
        try (InputStream in = Files.newInputStream(pemFile)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + count++, certificate);
            }
        }
        if (count == 0) {
            throw new GeneralSecurityException("no certificate found in " + pemFile);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {x509}, new SecureRandom());
                return new PemTrust(x509, context);
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }
}
