package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLSocketVerifier;
import java.net.InetAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * Checks that the directory's certificate names the host the URL uses: DNS names through the SDK's
 * verifier, IP addresses (ldaps://10.0.0.5) against the certificate's IP address entries, which
 * the SDK's verifier (7.0.1) lets pass unchecked.
 */
final class HostNameVerifier extends SSLSocketVerifier {

    private static final int IP_ADDRESS_SAN = 7;
    private final HostNameSSLSocketVerifier names = new HostNameSSLSocketVerifier(true);

    @Override
    public void verifySSLSocket(String host, int port, SSLSocket socket) throws LDAPException {
        if (!isIpLiteral(host)) {
            names.verifySSLSocket(host, port, socket);
            return;
        }
        try {
            Certificate[] chain = socket.getSession().getPeerCertificates();
            InetAddress expected = InetAddress.getByName(host);
            if (chain.length > 0 && chain[0] instanceof X509Certificate cert) {
                Collection<List<?>> sans = cert.getSubjectAlternativeNames();
                if (sans != null) {
                    for (List<?> san : sans) {
                        if (((Integer) san.get(0)) == IP_ADDRESS_SAN
                                && InetAddress.getByName((String) san.get(1)).equals(expected)) {
                            return;
                        }
                    }
                }
            }
        } catch (SSLPeerUnverifiedException | CertificateParsingException | java.net.UnknownHostException e) {
            throw new LDAPException(ResultCode.CONNECT_ERROR,
                    "Hostname verification failed for " + host + ": " + e.getMessage(), e);
        }
        throw new LDAPException(ResultCode.CONNECT_ERROR,
                "Hostname verification failed: no subject alternative name matches IP address " + host);
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
    }
}
