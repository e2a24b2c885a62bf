package org.groupwriteback.app;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.List;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.permissions.LdapConnector;
import org.groupwriteback.engine.ad.permissions.MissingRight;
import org.groupwriteback.engine.ad.permissions.WritebackPermissions;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.wizard.WizardServices.DirectoryConnection;

/** The wizard's permissions page on the permissions engine: the script, the check and the grant. */
final class WizardPermissions {
    private final DirectoryConnections connections;

    WizardPermissions(DirectoryConnections connections) {
        this.connections = connections;
    }

    String script(String syncAccountDn, String targetOu) {
        try {
            return WritebackPermissions.script(new DN(targetOu), syncAccountDn);
        } catch (LDAPException e) {
            return "# choose a valid target OU first ('" + targetOu + "' is not a DN)\n";
        }
    }

    List<String> verify(DirectoryConnection connection, String targetOu) throws DirectoryException {
        try (Secret password = connections.password(connection);
                LDAPConnection sync = LdapConnector.open(connection.ldapUrl(), connection.caCertificate(),
                        connection.bindDn(), password)) {
            return WritebackPermissions.verify(dn(targetOu), sync).stream().map(MissingRight::toString).toList();
        }
    }

    void grant(DirectoryConnection syncAccount, String targetOu, String adminDn, char[] adminPassword)
            throws DirectoryException {
        try (Secret password = Secret.of("admin password", adminPassword);
                LDAPConnection a = LdapConnector.open(syncAccount.ldapUrl(), syncAccount.caCertificate(), adminDn,
                        password)) {
            WritebackPermissions.grant(dn(targetOu), syncAccount.bindDn(), a);
        }
    }

    /** {@code value} as a DN, or an error asking for the target OU again. */
    static DN dn(String value) throws DirectoryException {
        try {
            return new DN(value);
        } catch (LDAPException | NullPointerException e) {
            throw new DirectoryException("'" + value + "' is not a DN: choose the target OU again");
        }
    }
}
