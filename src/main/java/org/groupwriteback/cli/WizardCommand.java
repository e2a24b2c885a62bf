package org.groupwriteback.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groupwriteback.app.EngineWizardServices;
import org.groupwriteback.app.WizardLauncher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gwb wizard}: opens the configuration wizard on the engine of a data directory (a first run when it
 * holds no configuration yet). Returns when the window is closed.
 */
@Command(name = "wizard", mixinStandardHelpOptions = true,
        description = {"Opens the configuration wizard (first run, or the tasks of an existing installation).",
            "The wizard holds the data directory while it is open: a running gwb service must be stopped first."})
public final class WizardCommand implements Callable<Integer> {
    /** The environment variable naming the default data directory. */
    public static final String DATA_ENV = "GWB_DATA";

    @Option(names = "--data", paramLabel = "DIR",
            description = "The engine's data directory (default: $GWB_DATA, else ~/.group-writeback).")
    Path data;

    /** {@code $GWB_DATA}, else {@code ~/.group-writeback}. */
    public static Path defaultDataDir() {
        String env = System.getenv(DATA_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".group-writeback");
    }

    @Override
    public Integer call() {
        var noDisplay = WizardLauncher.missingDisplay();
        if (noDisplay.isPresent()) {
            System.err.println(noDisplay.get());
            return 2;
        }
        Path dir = data != null ? data : defaultDataDir();
        try (EngineWizardServices services = new EngineWizardServices(dir)) {
            WizardLauncher.launch(services, false);
        }
        return 0;
    }
}
