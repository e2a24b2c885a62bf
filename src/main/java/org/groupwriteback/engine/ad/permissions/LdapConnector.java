package org.groupwriteback.engine.ad.permissions;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import javax.net.ssl.TrustManager;
import org.groupwriteback.engine.ad.DirectoryException;

/**
 * Opens the short-lived, bound LDAP connections the permissions commands need, from the directory settings of
 * the configuration: {@code ldaps://} always validates the server certificate (against the configured CA PEM, or
 * the JVM's trust store when none is set) and its host name; {@code ldap://} is plain LDAP.
 */
public final class LdapConnector {
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final long RESPONSE_TIMEOUT_MILLIS = 60_000;

    private LdapConnector() {
    }

    /**
     * Connects to {@code url} and binds as {@code bindName} (DN, UPN or {@code DOMAIN\sam}).
     *
     * @param caPem the CA to trust for {@code ldaps://}; null = the JVM's default trust store
     */
    public static LDAPConnection open(String url, Path caPem, String bindName, String password)
            throws DirectoryException {
        LDAPURL parsed;
        try {
            parsed = new LDAPURL(url);
        } catch (LDAPException e) {
            throw new DirectoryException("'" + url + "' is not an LDAP URL (expected ldap://host:port or"
                    + " ldaps://host:port): fix directory.ldapUrl", ResultCode.PARAM_ERROR, null, e);
        }
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        options.setResponseTimeoutMillis(RESPONSE_TIMEOUT_MILLIS);
        LDAPConnection c;
        try {
            if ("ldaps".equalsIgnoreCase(parsed.getScheme())) {
                options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
                TrustManager trust = caPem == null ? JVMDefaultTrustManager.getInstance()
                        : new PEMFileTrustManager(caPem.toFile());
                c = new LDAPConnection(new SSLUtil(trust).createSSLSocketFactory(), options);
            } else {
                c = new LDAPConnection(options);
            }
        } catch (GeneralSecurityException e) {
            throw new DirectoryException("cannot set up TLS trust from " + caPem + ": " + e.getMessage()
                    + ": check directory.caCertificate", null, null, e);
        }
        try {
            c.connect(parsed.getHost(), parsed.getPort());
        } catch (LDAPException e) {
            c.close();
            throw new DirectoryException("cannot connect to " + url + ": " + e.getMessage()
                    + (parsed.getScheme().equalsIgnoreCase("ldaps") ? " (check that directory.caCertificate is the CA"
                            + " that issued the server's certificate and the host name matches it)" : ""),
                    e.getResultCode(), null, e);
        }
        try {
            c.bind(bindName, password);
            return c;
        } catch (LDAPException e) {
            c.close();
            String what = e.getResultCode() == ResultCode.INVALID_CREDENTIALS
                    ? "the bind as " + bindName + " was refused (invalid credentials): check the account and its"
                            + " password file"
                    : "the bind as " + bindName + " failed: " + e.getResultCode() + " (" + e.getDiagnosticMessage()
                            + ")";
            throw new DirectoryException(what, e.getResultCode(), bindName, e);
        }
    }
}
