package org.groupwriteback.engine.run;

import java.nio.file.Path;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudSource;

/**
 * Builds the two connections of a cycle from the configuration. The product uses the Graph and LDAP
 * implementations; tests pass in-memory fakes. {@code dataDir} resolves relative file references
 * (secret files, CA certificates) in the configuration.
 */
public interface Connectors {

    /** Opens the cloud side (closed by the caller after the cycle). */
    CloudSource cloud(SyncConfiguration config, Path dataDir) throws CloudException;

    /** Opens the directory side (closed by the caller after the cycle). */
    Directory directory(SyncConfiguration config, Path dataDir) throws DirectoryException;

    /**
     * Opens the directory side binding with {@code password} instead of the configured password file (the
     * wizard's preview before the first save). In-memory fakes, which bind with nothing, need not override it.
     */
    default Directory directory(SyncConfiguration config, Path dataDir, Secret password) throws DirectoryException {
        return directory(config, dataDir);
    }
}
