package org.groupwriteback.engine.ad.permissions;

import com.unboundid.ldap.sdk.LDAPConnection;
import java.nio.file.Path;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.LdapTransport;
import org.groupwriteback.engine.config.Secret;

/**
 * Opens the short-lived, bound LDAP connections the permissions commands need, from the directory settings of
 * the configuration, under the engine's transport policy ({@link LdapTransport}): {@code ldaps://}
 * validates the server certificate and host name; {@code ldap://} upgrades with StartTLS, and is plain only to a
 * loopback host.
 */
public final class LdapConnector {
    private LdapConnector() {
    }

    /**
     * Connects to {@code url} and binds as {@code bindName} (DN, UPN or {@code DOMAIN\sam}).
     *
     * @param caPem the CA to trust for {@code ldaps://}; null = the JVM's default trust store
     */
    public static LDAPConnection open(String url, Path caPem, String bindName, Secret password)
            throws DirectoryException {
        // One transport policy for every bind the product makes (TLS validation, StartTLS, no clear-text password
        // to a remote host): the admin credential deserves it most.
        return LdapTransport.openConnection(url, caPem == null ? null : caPem.toString(), bindName, password);
    }
}
