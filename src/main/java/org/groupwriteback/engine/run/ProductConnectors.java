package org.groupwriteback.engine.run;

import java.nio.file.Path;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.graph.GraphCloudSource;

/**
 * The product's connections: Microsoft Graph ({@link GraphCloudSource}) and LDAP ({@link LdapDirectory}). The one
 * factory the CLI, the service and the wizard share. File references in the configuration (secrets, CA
 * certificates) that are relative are taken relative to the data directory, so a data directory can be moved or
 * handed over as a whole.
 */
public final class ProductConnectors implements Connectors {

    @Override
    public CloudSource cloud(SyncConfiguration config, Path dataDir) throws CloudException {
        return new GraphCloudSource(resolve(config.cloud(), dataDir));
    }

    @Override
    public Directory directory(SyncConfiguration config, Path dataDir) throws DirectoryException {
        return LdapDirectory.open(resolve(config.directory(), dataDir));
    }

    /** {@code c} with its file references resolved against {@code dataDir}. */
    public static SyncConfiguration.Cloud resolve(SyncConfiguration.Cloud c, Path dataDir) {
        SyncConfiguration.Credential k = c.credential();
        SyncConfiguration.Credential resolved = k == null ? null : new SyncConfiguration.Credential(
                resolve(dataDir, k.secretFile()), resolve(dataDir, k.certificateFile()),
                resolve(dataDir, k.certificatePasswordFile()));
        return new SyncConfiguration.Cloud(c.authority(), c.graphBaseUrl(), c.clientId(), resolved,
                resolve(dataDir, c.caCertificate()));
    }

    /** {@code d} with its file references resolved against {@code dataDir}. */
    public static SyncConfiguration.Directory resolve(SyncConfiguration.Directory d, Path dataDir) {
        return new SyncConfiguration.Directory(d.ldapUrl(), d.bindDn(), resolve(dataDir, d.passwordFile()),
                resolve(dataDir, d.caCertificate()), d.baseDn());
    }

    /** {@code file} relative to {@code dataDir} unless absolute; null and blank stay as they are. */
    public static String resolve(Path dataDir, String file) {
        return file == null || file.isBlank() ? file : dataDir.resolve(file).toString();
    }
}
