package org.groupwriteback.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.graph.GraphCloudSource;
import org.groupwriteback.engine.plan.Plan;
import org.groupwriteback.engine.plan.PlanInput;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.run.Connectors;
import org.groupwriteback.engine.run.Engine;

/**
 * How the CLI commands build an {@link Engine}: the product connectors, planner and clock, or test
 * doubles passed to a command's constructor.
 */
record EngineWiring(Connectors connectors, Function<PlanInput, Plan> planner, Clock clock) {

    /** The product: Graph + LDAP connectors, the real planner, the system clock. */
    static EngineWiring product() {
        return new EngineWiring(new ProductConnectors(), Planner::plan, Clock.systemUTC());
    }

    Engine open(Path dataDir) {
        return Engine.open(dataDir, () -> ConfigurationFile.load(dataDir), connectors, planner, clock);
    }

    /**
     * The Graph and LDAP implementations of the engine's connections. File references in the configuration
     * (secrets, CA certificates) that are relative are taken relative to the data directory, so a data
     * directory can be moved or handed over as a whole.
     */
    static final class ProductConnectors implements Connectors {
        @Override
        public CloudSource cloud(SyncConfiguration config, Path dataDir) throws CloudException {
            SyncConfiguration.Cloud c = config.cloud();
            SyncConfiguration.Credential cr = c.credential();
            SyncConfiguration.Credential resolved = cr == null ? null : new SyncConfiguration.Credential(
                    resolve(dataDir, cr.secretFile()), resolve(dataDir, cr.certificateFile()),
                    resolve(dataDir, cr.certificatePasswordFile()));
            return new GraphCloudSource(new SyncConfiguration.Cloud(c.authority(), c.graphBaseUrl(), c.clientId(),
                    resolved, resolve(dataDir, c.caCertificate())));
        }

        @Override
        public Directory directory(SyncConfiguration config, Path dataDir) throws DirectoryException {
            SyncConfiguration.Directory d = config.directory();
            return LdapDirectory.open(new SyncConfiguration.Directory(d.ldapUrl(), d.bindDn(),
                    resolve(dataDir, d.passwordFile()), resolve(dataDir, d.caCertificate()), d.baseDn()));
        }
    }

    /** {@code file} relative to {@code dataDir} unless absolute; null stays null. */
    static String resolve(Path dataDir, String file) {
        return file == null || file.isBlank() ? file : dataDir.resolve(file).toString();
    }
}
