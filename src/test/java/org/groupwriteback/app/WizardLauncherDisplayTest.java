package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Without a display, {@code gwb}, {@code gwb wizard} and {@code gwb demo} say so in one line and exit 2. */
class WizardLauncherDisplayTest {

    @Test
    void linuxWithoutDisplayOrWaylandHasNoDisplay() {
        assertThat(WizardLauncher.missingDisplay("Linux", Map.of(), null)).hasValueSatisfying(m -> assertThat(m)
                .startsWith("error: no display is available").contains("gwb demo-env", "xvfb-run").doesNotContain("\n"));
        assertThat(WizardLauncher.missingDisplay("Linux", Map.of("DISPLAY", " "), null)).isPresent();
    }

    @Test
    void aDisplayAWaylandSessionWindowsMacOrMonocleCanOpenTheWindow() {
        assertThat(WizardLauncher.missingDisplay("Linux", Map.of("DISPLAY", ":0"), null)).isEmpty();
        assertThat(WizardLauncher.missingDisplay("Linux", Map.of("WAYLAND_DISPLAY", "wayland-0"), null)).isEmpty();
        assertThat(WizardLauncher.missingDisplay("Windows Server 2022", Map.of(), null)).isEmpty();
        assertThat(WizardLauncher.missingDisplay("Mac OS X", Map.of(), null)).isEmpty();
        assertThat(WizardLauncher.missingDisplay("Linux", Map.of(), "Monocle")).isEmpty();
    }

    @Test
    void theCommandsExitTwoWithTheMessageInsteadOfOpeningJavaFx() throws Exception {
        if (!System.getProperty("os.name").startsWith("Linux")) {
            return; // the display variables only exist on Linux/Unix desktops
        }
        for (String command : new String[] {"wizard", "demo"}) {
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "org.groupwriteback.cli.Main", command,
                    "--data", Path.of("target", "no-display-" + command).toAbsolutePath().toString())
                    .redirectErrorStream(true);
            pb.environment().remove("DISPLAY");
            pb.environment().remove("WAYLAND_DISPLAY");
            pb.environment().remove("GWB_DATA");
            Process p = pb.start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isEqualTo(2);
            assertThat(out).as(command).contains("error: no display is available", "gwb demo-env")
                    .doesNotContain("Unable to open DISPLAY", "Exception");
        }
    }
}
