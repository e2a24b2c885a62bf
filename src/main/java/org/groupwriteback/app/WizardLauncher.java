package org.groupwriteback.app;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.application.Application;
import org.groupwriteback.wizard.WizardServices;

/**
 * Starts the wizard from code that is not itself a JavaFX {@code Application} (the {@code gwb} CLI): the
 * JavaFX runtime comes from the class path. Blocks until the window is closed.
 */
public final class WizardLauncher {
    private WizardLauncher() {
    }

    /**
     * The one-line error to print instead of opening the window when this Linux/Unix session has no display
     * ({@code DISPLAY} and {@code WAYLAND_DISPLAY} unset); empty when a window can be opened.
     */
    public static Optional<String> missingDisplay() {
        return missingDisplay(System.getProperty("os.name", ""), System.getenv(),
                System.getProperty("glass.platform"));
    }

    static Optional<String> missingDisplay(String osName, Map<String, String> env, String glassPlatform) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac") || "Monocle".equals(glassPlatform)
                || !blank(env.get("DISPLAY")) || !blank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.empty();
        }
        return Optional.of("error: no display is available (DISPLAY and WAYLAND_DISPLAY are not set): the wizard"
                + " needs a graphical session; for scripting use 'gwb demo-env' and 'gwb configure', or run the"
                + " wizard under a virtual display with 'xvfb-run gwb ...'");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Opens the wizard on {@code services}; {@code demo} marks the window as running against the demo. */
    public static void launch(WizardServices services, boolean demo) {
        WizardApp.configure(services, demo);
        Application.launch(WizardApp.class);
    }
}
