package org.groupwriteback.app;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.wizard.WizardServices.DirectoryConnection;
import org.groupwriteback.wizard.WizardServices.OrganizationalUnit;

/**
 * The wizard's LDAP connections: the password of a connection (typed, else the stored password file), one bound
 * {@link LdapDirectory} per distinct connection settings reused for tree browsing, and the OU tree.
 */
final class DirectoryConnections implements AutoCloseable {
    private final DataDirectory data;
    private final Supplier<Optional<SyncConfiguration>> reference;
    private CachedDirectory cached;

    /** @param reference the configuration in force, else the first-run draft's */
    DirectoryConnections(DataDirectory data, Supplier<Optional<SyncConfiguration>> reference) {
        this.data = data;
        this.reference = reference;
    }

    DirectoryInfo test(DirectoryConnection connection) throws DirectoryException {
        return directory(connection).test();
    }

    List<OrganizationalUnit> childOus(DirectoryConnection connection, String parentDn) throws DirectoryException {
        LdapDirectory d = directory(connection);
        DN parent;
        try {
            parent = new DN(parentDn);
        } catch (LDAPException e) {
            throw new DirectoryException("'" + parentDn + "' is not a DN");
        }
        List<OrganizationalUnit> out = new ArrayList<>();
        for (DN child : d.childOrganizationalUnits(parent)) {
            // One small search per child: the tree shows an expander only where there is something below.
            boolean below = !d.childOrganizationalUnits(child).isEmpty();
            out.add(new OrganizationalUnit(child.toString(), child.getRDN().getAttributeValues()[0], below));
        }
        return out;
    }

    /** The stored password when the connection carries none (tasks that skip the directories page). */
    Secret password(DirectoryConnection c) throws DirectoryException {
        if (c.password() != null && c.password().length > 0) {
            return Secret.of("directory password", c.password());
        }
        String file = reference.get().map(SyncConfiguration::directory)
                .map(SyncConfiguration.Directory::passwordFile).orElse(null);
        if (file == null) {
            throw new DirectoryException("enter the password of " + c.bindDn());
        }
        try {
            return data.secret(file, "directory.passwordFile");
        } catch (ConfigurationException e) {
            throw new DirectoryException(e.getMessage());
        }
    }

    private String baseDn() {
        return reference.get().map(SyncConfiguration::directory).map(SyncConfiguration.Directory::baseDn)
                .orElse(null);
    }

    /** One bound connection per distinct connection settings, reused for tree browsing. */
    private synchronized LdapDirectory directory(DirectoryConnection c) throws DirectoryException {
        try (Secret password = password(c)) {
            return directory(c, password);
        }
    }

    private LdapDirectory directory(DirectoryConnection c, Secret password) throws DirectoryException {
        String ca = c.caCertificate() == null ? null : c.caCertificate().toString();
        char[] chars = password.chars();
        CachedDirectory want = new CachedDirectory(c.ldapUrl(), c.bindDn(), Integer.toHexString(Arrays.hashCode(chars)),
                ca, null);
        Arrays.fill(chars, '\0');
        if (cached != null && cached.sameAs(want)) {
            return cached.directory();
        }
        if (cached != null) {
            cached.directory().close();
            cached = null;
        }
        LdapDirectory d = LdapDirectory.open(new SyncConfiguration.Directory(c.ldapUrl(), c.bindDn(), null, ca,
                baseDn()), password);
        cached = new CachedDirectory(want.url(), want.bindDn(), want.passwordHash(), ca, d);
        return d;
    }

    @Override
    public synchronized void close() {
        if (cached != null) {
            cached.directory().close();
            cached = null;
        }
    }

    /** The settings a cached connection was opened with (the password only as a hash, to notice a change). */
    private record CachedDirectory(String url, String bindDn, String passwordHash, String ca, LdapDirectory directory) {
        boolean sameAs(CachedDirectory o) {
            return Objects.equals(url, o.url) && Objects.equals(bindDn, o.bindDn)
                    && Objects.equals(passwordHash, o.passwordHash) && Objects.equals(ca, o.ca);
        }
    }
}
