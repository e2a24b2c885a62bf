package org.groupwriteback.app;

import javafx.application.Application;
import org.groupwriteback.wizard.WizardServices;

/**
 * Starts the wizard from code that is not itself a JavaFX {@code Application} (the {@code gwb} CLI): the
 * JavaFX runtime comes from the class path. Blocks until the window is closed.
 */
public final class WizardLauncher {
    private WizardLauncher() {
    }

    /** Opens the wizard on {@code services}; {@code demo} marks the window as running against the demo. */
    public static void launch(WizardServices services, boolean demo) {
        WizardApp.configure(services, demo);
        Application.launch(WizardApp.class);
    }
}
