package org.groupwriteback.engine.run;

import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.SyncConfiguration;

/**
 * Where the engine gets its configuration from for each cycle (the service re-reads the file, so a
 * {@code gwb configure} or {@code gwb scheduler} change applies from the next cycle on).
 */
@FunctionalInterface
public interface ConfigSource {
    /** The current, valid configuration. */
    SyncConfiguration load() throws ConfigurationException;
}
