package org.groupwriteback.demo.tls;

import com.unboundid.asn1.ASN1BigInteger;
import com.unboundid.asn1.ASN1Boolean;
import com.unboundid.asn1.ASN1Element;
import com.unboundid.asn1.ASN1Exception;
import com.unboundid.asn1.ASN1Integer;
import com.unboundid.asn1.ASN1Null;
import com.unboundid.asn1.ASN1ObjectIdentifier;
import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.asn1.ASN1Sequence;
import com.unboundid.asn1.ASN1Set;
import com.unboundid.asn1.ASN1UTCTime;
import com.unboundid.asn1.ASN1UTF8String;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * A throw-away certificate authority for the demo servers: at construction it generates an RSA CA and a
 * server certificate for {@code localhost} / {@code 127.0.0.1} signed by it, so local HTTPS and LDAPS servers
 * run with certificate validation on. Clients trust the CA only through its PEM file (configuration).
 */
public final class LocalCertificateAuthority {
    private static final String SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
    private static final char[] KEY_PASSWORD = "local-ca".toCharArray();

    private final X509Certificate caCertificate;
    private final X509Certificate serverCertificate;
    private final PrivateKey serverKey;

    /** Generates a CA named {@code commonName} and a server certificate for localhost and 127.0.0.1. */
    public LocalCertificateAuthority(String commonName) {
        try {
            SecureRandom random = new SecureRandom();
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            KeyPair caKeys = generator.generateKeyPair();
            KeyPair serverKeys = generator.generateKeyPair();
            Instant notBefore = Instant.now().minus(Duration.ofDays(1));
            Instant notAfter = Instant.now().plus(Duration.ofDays(825));
            ASN1Element caName = name(commonName + " CA");
            ASN1Element caExtensions = extensions(
                    extension("2.5.29.19", true, new ASN1Sequence(new ASN1Boolean(true))),
                    // keyCertSign + cRLSign + digitalSignature
                    extension("2.5.29.15", true, bitString(1, (byte) 0x86)));
            caCertificate = sign(caKeys, caKeys, caName, caName, notBefore, notAfter, caExtensions, random);
            ASN1Element serverExtensions = extensions(
                    extension("2.5.29.19", true, new ASN1Sequence()),
                    // digitalSignature + keyEncipherment
                    extension("2.5.29.15", true, bitString(5, (byte) 0xA0)),
                    extension("2.5.29.37", false, new ASN1Sequence(new ASN1ObjectIdentifier("1.3.6.1.5.5.7.3.1"))),
                    extension("2.5.29.17", false, new ASN1Sequence(
                            new ASN1Element((byte) 0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                            new ASN1Element((byte) 0x87, InetAddress.getByName("127.0.0.1").getAddress()))));
            serverCertificate = sign(serverKeys, caKeys, caName, name("localhost"), notBefore, notAfter,
                    serverExtensions, random);
            serverKey = serverKeys.getPrivate();
        } catch (GeneralSecurityException | IOException | ASN1Exception e) {
            throw new IllegalStateException("Cannot generate the local certificate authority: " + e.getMessage(), e);
        }
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    public X509Certificate serverCertificate() {
        return serverCertificate;
    }

    /** The CA certificate in PEM form, what {@code curl --cacert} and the engine's configuration take. */
    public String caPem() {
        return toPem(caCertificate);
    }

    /** Writes the CA certificate as {@code fileName} into {@code directory} and returns its path. */
    public Path writeCaPem(Path directory, String fileName) {
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(fileName);
            Files.writeString(file, caPem(), StandardCharsets.US_ASCII);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the CA certificate into " + directory, e);
        }
    }

    /** A key store (PKCS#12, in memory) holding the server key with its chain; password {@link #keyStorePassword()}. */
    public KeyStore serverKeyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", serverKey, KEY_PASSWORD,
                    new Certificate[] {serverCertificate, caCertificate});
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("Cannot build the server key store", e);
        }
    }

    public char[] keyStorePassword() {
        return KEY_PASSWORD.clone();
    }

    /** An SSL context for servers presenting the server certificate. */
    public SSLContext serverSslContext() {
        try {
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(serverKeyStore(), KEY_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, new SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build the server SSL context", e);
        }
    }

    /** A trust manager trusting exactly the certificates in a PEM file (a client's view of a configured CA). */
    public static X509TrustManager trustManagerFromPem(Path pemFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(pemFile)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
            if (i == 0) {
                throw new GeneralSecurityException("no certificate in " + pemFile);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager available");
    }

    /** A client SSL context trusting exactly the certificates in a PEM file. */
    public static SSLContext clientSslContextFromPem(Path pemFile) throws IOException, GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {trustManagerFromPem(pemFile)}, new SecureRandom());
        return context;
    }

    /** PEM text of a certificate. */
    public static String toPem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(KeyPair subjectKeys, KeyPair issuerKeys, ASN1Element issuer,
            ASN1Element subject, Instant notBefore, Instant notAfter, ASN1Element extensions, SecureRandom random)
            throws GeneralSecurityException, ASN1Exception {
        ASN1Sequence algorithm = new ASN1Sequence(new ASN1ObjectIdentifier(SHA256_WITH_RSA), new ASN1Null());
        ASN1Element publicKeyInfo = ASN1Element.decode(subjectKeys.getPublic().getEncoded());
        ASN1Sequence tbs = new ASN1Sequence(
                new ASN1Element((byte) 0xA0, new ASN1Integer(2).encode()),
                new ASN1BigInteger(new BigInteger(63, random)),
                algorithm,
                issuer,
                new ASN1Sequence(new ASN1UTCTime(notBefore.toEpochMilli()), new ASN1UTCTime(notAfter.toEpochMilli())),
                subject,
                publicKeyInfo,
                extensions);
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(issuerKeys.getPrivate());
        signer.update(tbs.encode());
        byte[] signature = signer.sign();
        byte[] bits = new byte[signature.length + 1];
        System.arraycopy(signature, 0, bits, 1, signature.length);
        ASN1Sequence certificate = new ASN1Sequence(tbs, algorithm, new ASN1Element((byte) 0x03, bits));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate.encode()));
    }

    private static ASN1Element name(String commonName) throws ASN1Exception {
        return new ASN1Sequence(
                new ASN1Set(new ASN1Sequence(new ASN1ObjectIdentifier("2.5.4.10"), new ASN1UTF8String("group-writeback demo"))),
                new ASN1Set(new ASN1Sequence(new ASN1ObjectIdentifier("2.5.4.3"), new ASN1UTF8String(commonName))));
    }

    private static ASN1Element bitString(int unusedBits, byte value) {
        return new ASN1Element((byte) 0x03, new byte[] {(byte) unusedBits, value});
    }

    private static ASN1Element extension(String oid, boolean critical, ASN1Element value) throws ASN1Exception {
        List<ASN1Element> parts = new ArrayList<>();
        parts.add(new ASN1ObjectIdentifier(oid));
        if (critical) {
            parts.add(new ASN1Boolean(true));
        }
        parts.add(new ASN1OctetString(value.encode()));
        return new ASN1Sequence(parts);
    }

    private static ASN1Element extensions(ASN1Element... extensions) throws ASN1Exception {
        return new ASN1Element((byte) 0xA3, new ASN1Sequence(extensions).encode());
    }
}
