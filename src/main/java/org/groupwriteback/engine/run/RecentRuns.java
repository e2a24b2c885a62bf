package org.groupwriteback.engine.run;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.engine.config.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A copy of the last run records in {@code <data>/recent-runs.json}, written by the engine after every
 * cycle. The state store is locked by the running service, so {@code gwb runs} reads this file when it
 * cannot open the store. Written atomically; losing it loses nothing (the store holds the history).
 */
public final class RecentRuns {
    /** File name inside the data directory. */
    public static final String FILE_NAME = DataDirectory.RECENT_RUNS_FILE;
    /** How many runs the file keeps. */
    public static final int KEEP = 50;
    private static final Logger LOG = LoggerFactory.getLogger(RecentRuns.class);

    private RecentRuns() {
    }

    /** Puts {@code run} first in the file, keeping the newest {@link #KEEP}. Failures are logged, not thrown. */
    public static synchronized void record(Path dataDir, RunRecord run) {
        Path file = DataDirectory.at(dataDir).recentRunsFile();
        try {
            List<RunRecord> runs = new ArrayList<>();
            runs.add(run);
            for (RunRecord r : read(dataDir, KEEP)) {
                if (runs.size() < KEEP && r.id() != run.id()) {
                    runs.add(r);
                }
            }
            DataDirectory.writeAtomically(file, RunJson.mapper().writeValueAsBytes(runs), false);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not update {}: {}", file, e.getMessage());
        }
    }

    /** The newest {@code n} runs from the file, newest first; empty when there is no file. */
    public static List<RunRecord> read(Path dataDir, int n) throws IOException {
        Path file = DataDirectory.at(dataDir).recentRunsFile();
        if (!Files.exists(file)) {
            return List.of();
        }
        List<RunRecord> runs = RunJson.mapper().readValue(file.toFile(), new TypeReference<List<RunRecord>>() { });
        return runs.subList(0, Math.min(n, runs.size()));
    }
}
