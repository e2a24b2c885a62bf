package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.OperationType;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.io.File;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.groupwriteback.engine.ad.DirectoryException.Kind;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.Secret;

/**
 * The product's one way to open a bound LDAP connection: {@code ldaps://} validated against a CA PEM
 * file (or the JVM trust store) with the host name checked; {@code ldap://} upgraded with StartTLS
 * when offered, else allowed to a loopback host only, so no password crosses a network in clear text.
 * Stateless and thread-safe.
 */
public final class LdapTransport {

    private static final int MAX_CONNECTIONS = 4;

    private LdapTransport() {
    }

    /** A bound connection, and the StartTLS step a pool must repeat on new connections (null: none). */
    private record Bound(LDAPConnection connection, PostConnectProcessor startTls) {
    }

    /**
     * Reads the password file {@code file} names ({@code field} names the setting in messages).
     *
     * @throws DirectoryException of {@link Kind#CONFIGURATION} when the file is not set, unreadable or empty
     */
    public static Secret readPassword(Path file, String field) throws DirectoryException {
        try {
            return Secret.fromFile(file, field);
        } catch (ConfigurationException e) {
            throw new DirectoryException(e.errors().stream().map(Object::toString).collect(Collectors.joining("; ")));
        }
    }

    /**
     * Parses {@code text} as an LDAP URL; {@code field} (or null) names the setting in the message.
     *
     * @throws DirectoryException of {@link Kind#CONFIGURATION} when it is not one
     */
    static LDAPURL parseUrl(String text, String field) throws DirectoryException {
        try {
            return new LDAPURL(text);
        } catch (LDAPException | NullPointerException e) {
            throw new DirectoryException((field == null ? "" : field + " ") + "'" + text
                    + "' is not an LDAP URL: use ldaps://dc.example.com or ldap://dc.example.com");
        }
    }

    /**
     * One bound connection, for short admin or check operations (granting and verifying permissions).
     * {@code bindName} may be a DN, a UPN or {@code DOMAIN\sam}; {@code caCertificate} is a PEM file or
     * null for the JVM's default trust store. The password is used for this bind only.
     */
    public static LDAPConnection openConnection(String ldapUrl, String caCertificate, String bindName,
            Secret password) throws DirectoryException {
        return bind(parseUrl(ldapUrl, null), ldapUrl, caCertificate, bindName, password).connection();
    }

    /**
     * A pool of connections bound as {@code bindDn}, each secured as {@link #openConnection} secures one; new
     * connections repeat StartTLS and the bind.
     */
    static LDAPConnectionPool openPool(LDAPURL url, String ldapUrl, String caCertificate, String bindDn,
            Secret password) throws DirectoryException {
        Bound bound = bind(url, ldapUrl, caCertificate, bindDn, password);
        try {
            LDAPConnectionPool pool = new LDAPConnectionPool(bound.connection(), 1, MAX_CONNECTIONS,
                    bound.startTls());
            // Not adds and renames: when the connection drops after the DC did one, a blind retry fails (the
            // group exists, the old DN is gone) and hides what happened; the engine heals those next cycle.
            pool.setRetryFailedOperationsDueToInvalidConnections(EnumSet.of(OperationType.SEARCH,
                    OperationType.COMPARE, OperationType.MODIFY, OperationType.DELETE, OperationType.EXTENDED,
                    OperationType.BIND));
            pool.setConnectionPoolName("group-writeback AD");
            return pool;
        } catch (LDAPException e) {
            bound.connection().close();
            throw DirectoryErrors.connectFailure(e, ldapUrl, url.getHost(), caCertificate, bindDn);
        }
    }

    private static Bound bind(LDAPURL url, String ldapUrl, String caCertificate, String bindName, Secret password)
            throws DirectoryException {
        if (password == null || password.isEmpty()) {
            throw new DirectoryException("no password for " + bindName + ": set directory.passwordFile");
        }
        Bound secured = null;
        try {
            secured = connectSecured(url, caCertificate, bindName);
            // Bytes, not a String: the pool keeps this request to bind the connections it adds later.
            secured.connection().bind(new SimpleBindRequest(bindName, utf8(password)));
            return secured;
        } catch (LDAPException e) {
            close(secured);
            throw DirectoryErrors.connectFailure(e, ldapUrl, url.getHost(), caCertificate, bindName);
        } catch (GeneralSecurityException e) {
            close(secured);
            throw new DirectoryException("cannot set up TLS for " + ldapUrl + ": " + e.getMessage(), Kind.UNAVAILABLE,
                    null, ldapUrl, e);
        } catch (DirectoryException | RuntimeException e) {
            close(secured);
            throw e;
        }
    }

    private static void close(Bound bound) {
        if (bound != null) {
            bound.connection().close();
        }
    }

    private static byte[] utf8(Secret password) {
        char[] chars = password.chars();
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(chars));
        byte[] bytes = Arrays.copyOfRange(encoded.array(), encoded.position(), encoded.limit());
        Arrays.fill(chars, '\0');
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    /** Connects under the transport policy; {@code who} names the account in the refusal message. */
    private static Bound connectSecured(LDAPURL url, String caCertificate, String who)
            throws DirectoryException, LDAPException, GeneralSecurityException {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ldap") && !scheme.equals("ldaps")) {
            throw new DirectoryException("directory.ldapUrl must start with ldaps:// or ldap://, not " + scheme);
        }
        String host = url.getHost();
        int port = url.getPort();
        SSLUtil ssl = sslUtil(caCertificate);
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(new HostNameVerifier());
        options.setConnectTimeoutMillis(10_000);
        options.setResponseTimeoutMillis(120_000);
        options.setFollowReferrals(false);
        if (scheme.equals("ldaps")) {
            return new Bound(new LDAPConnection(ssl.createSSLSocketFactory(), options, host, port), null);
        }
        LDAPConnection connection = new LDAPConnection(options, host, port);
        try {
            RootDSE dse = connection.getRootDSE();
            if (dse != null && dse.supportsExtendedOperation(StartTLSExtendedRequest.STARTTLS_REQUEST_OID)) {
                SSLSocketFactory factory = ssl.createSSLSocketFactory();
                ExtendedResult result = connection.processExtendedOperation(new StartTLSExtendedRequest(factory));
                if (result.getResultCode() != ResultCode.SUCCESS) {
                    throw new LDAPException(result);
                }
                return new Bound(connection, new StartTLSPostConnectProcessor(factory));
            }
            if (!isLoopback(host)) {
                throw new DirectoryException("refusing to send the password of " + who + " in clear text to "
                        + host + ": the server does not offer StartTLS; use ldaps://" + host
                        + " (or enable StartTLS on the domain controller)", Kind.UNAVAILABLE, null, null, null);
            }
            return new Bound(connection, null);
        } catch (DirectoryException | LDAPException | GeneralSecurityException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static SSLUtil sslUtil(String caCertificate) throws DirectoryException {
        TrustManager trust;
        if (caCertificate == null || caCertificate.isBlank()) {
            trust = JVMDefaultTrustManager.getInstance();
        } else {
            try {
                trust = new PEMFileTrustManager(new File(caCertificate));
            } catch (Exception e) {
                throw new DirectoryException("directory.caCertificate " + caCertificate
                        + " cannot be read as PEM certificates: " + e.getMessage(), Kind.CONFIGURATION, null, null, e);
            }
        }
        return new SSLUtil(trust);
    }

    /** True when every address of {@code host} is a loopback address (a password may go there unencrypted). */
    static boolean isLoopback(String host) {
        try {
            InetAddress[] all = InetAddress.getAllByName(host);
            return all.length > 0 && Arrays.stream(all).allMatch(InetAddress::isLoopbackAddress);
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
