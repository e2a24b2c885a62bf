package org.groupwriteback.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.config.SyncConfiguration;

/**
 * The configuration file of a data directory ({@code <data>/configuration.json}, the JSON of cli.md),
 * read strictly and validated by the engine's {@link ConfigurationJson} and validator.
 */
final class ConfigurationFile {
    static final String FILE_NAME = "configuration.json";

    private ConfigurationFile() {
    }

    static Path path(Path dataDir) {
        return dataDir.resolve(FILE_NAME);
    }

    /** Reads and validates the configuration of {@code dataDir}. */
    static SyncConfiguration load(Path dataDir) throws ConfigurationException {
        Path file = path(dataDir);
        if (!Files.exists(file)) {
            throw new ConfigurationException("configuration", "there is no configuration in " + dataDir
                    + "; run gwb configure --data " + dataDir + " --from FILE (or the wizard) first");
        }
        return read(file);
    }

    /** Reads and validates a configuration JSON file. */
    static SyncConfiguration read(Path file) throws ConfigurationException {
        try {
            return ConfigurationJson.readValid(file);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("configuration", "file " + file + " does not exist");
        } catch (IOException e) {
            throw new ConfigurationException("configuration", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Writes the configuration of {@code dataDir} atomically (a reader never sees half a file). */
    static void save(Path dataDir, SyncConfiguration c) throws IOException {
        ConfigurationJson.write(path(dataDir), c);
    }
}
