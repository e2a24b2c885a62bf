package org.groupwriteback.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.groupwriteback.app.EngineWizardServices;
import org.groupwriteback.app.WizardLauncher;
import org.groupwriteback.engine.config.DataDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code gwb wizard}: opens the configuration wizard on the engine of a data directory (a first run when it
 * holds no configuration yet). Returns when the window is closed.
 */
@Command(name = "wizard", mixinStandardHelpOptions = true,
        description = {"Opens the configuration wizard (first run, or the tasks of an existing installation).",
            "The wizard holds the data directory while it is open: a running gwb service must be stopped first."})
public final class WizardCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Override
    public Integer call() {
        var noDisplay = WizardLauncher.missingDisplay();
        if (noDisplay.isPresent()) {
            System.err.println(noDisplay.get());
            return 2;
        }
        // null when called as gwb's default command, outside picocli
        Path dir = data == null ? DataDirectory.defaultLocation() : data.path();
        try (EngineWizardServices services = new EngineWizardServices(dir)) {
            WizardLauncher.launch(services, false);
        }
        return 0;
    }
}
