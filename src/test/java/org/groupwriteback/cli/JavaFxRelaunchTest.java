package org.groupwriteback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaFxRelaunchTest {
    @TempDir
    Path lib;

    @Test
    void onlyTheWizardAndTheDemoOpenAWindow() {
        assertThat(JavaFxRelaunch.opensWindow(new String[0])).isTrue();
        assertThat(JavaFxRelaunch.opensWindow(new String[] {"wizard", "--data", "/tmp/x"})).isTrue();
        assertThat(JavaFxRelaunch.opensWindow(new String[] {"demo"})).isTrue();
        assertThat(JavaFxRelaunch.opensWindow(new String[] {"demo", "--help"})).isFalse();
        assertThat(JavaFxRelaunch.opensWindow(new String[] {"--help"})).isFalse();
        assertThat(JavaFxRelaunch.opensWindow(new String[] {"demo-env"})).isFalse();
        assertThat(JavaFxRelaunch.opensWindow(new String[] {"sync", "--data", "/tmp/x"})).isFalse();
        assertThat(JavaFxRelaunch.opensWindow(new String[] {"no-such-command"})).isFalse();
    }

    @Test
    void findsThePlatformJarsOfTheSameVersionNextToJavaFxGraphics() throws Exception {
        for (String n : new String[] {"javafx-base-21.0.5-linux.jar", "javafx-base-21.0.5.jar",
            "javafx-controls-21.0.5-linux.jar", "javafx-controls-21.0.5.jar", "javafx-graphics-21.0.5-linux.jar",
            "javafx-graphics-21.0.5.jar", "javafx-base-17.0.2-linux.jar", "picocli-4.7.6.jar"}) {
            Files.createFile(lib.resolve(n));
        }
        URL probe = new URL("jar:" + lib.resolve("javafx-graphics-21.0.5-linux.jar").toUri()
                + "!/javafx/application/Application.class");
        assertThat(JavaFxRelaunch.javaFxJars(probe)).hasValueSatisfying(jars -> assertThat(jars)
                .extracting(p -> p.getFileName().toString()).containsExactly("javafx-base-21.0.5-linux.jar",
                        "javafx-controls-21.0.5-linux.jar", "javafx-graphics-21.0.5-linux.jar"));
        assertThat(JavaFxRelaunch.javaFxJars(lib.resolve("x.class").toUri().toURL())).isEmpty();
        assertThat(JavaFxRelaunch.javaFxJars(null)).isEmpty();
    }

    /** ControlsFX's TableFilter fails on the module path without these: every launcher must pass them. */
    @Test
    void everyLauncherOpensJavaFxToControlsFx() throws Exception {
        for (String file : List.of("installer/linux/gwb-launcher.properties",
                "installer/windows/gwb-launcher.properties", "installer/jpackage-common.txt")) {
            String text = Files.readString(Path.of(file));
            for (String option : JavaFxRelaunch.CONTROLSFX_ACCESS) {
                assertThat(text).as(file).contains(option);
            }
        }
    }
}
