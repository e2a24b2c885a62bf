package org.groupwriteback.engine.run;

import java.nio.file.Path;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.graph.GraphCloudSource;

/**
 * The product's connections: Microsoft Graph ({@link GraphCloudSource}) and LDAP ({@link LdapDirectory}). The one
 * factory the CLI, the service and the wizard share. Relative file names in the configuration (secrets, CA
 * certificates) are resolved by {@link DataDirectory}.
 */
public final class ProductConnectors implements Connectors {

    @Override
    public CloudSource cloud(SyncConfiguration config, Path dataDir) throws CloudException {
        return new GraphCloudSource(DataDirectory.at(dataDir).resolved(config.cloud()));
    }

    @Override
    public Directory directory(SyncConfiguration config, Path dataDir) throws DirectoryException {
        return LdapDirectory.open(DataDirectory.at(dataDir).resolved(config.directory()));
    }

    @Override
    public Directory directory(SyncConfiguration config, Path dataDir, Secret password) throws DirectoryException {
        return LdapDirectory.open(DataDirectory.at(dataDir).resolved(config.directory()), password);
    }
}
