package org.groupwriteback.cli;

import java.nio.file.Path;
import org.groupwriteback.engine.config.DataDirectory;
import picocli.CommandLine.Option;

/**
 * The {@code --data DIR} option every command shares; without it, {@link DataDirectory#defaultLocation()}
 * ({@code $GWB_DATA}, else the system data directory when installed, else {@code ~/.group-writeback}).
 */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "The engine's data directory (default: $GWB_DATA, else /var/lib/group-writeback when "
                    + "installed, else ~/.group-writeback).")
    Path data;

    /** The data directory given or defaulted. */
    Path path() {
        return directory().root();
    }

    /** The data directory given or defaulted. */
    DataDirectory directory() {
        return DataDirectory.at(data != null ? data : DataDirectory.defaultLocation());
    }

    @Override
    public String toString() {
        return path().toString();
    }
}
