package org.groupwriteback.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.wizard.WizardServices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code gwb wizard} and {@code gwb demo} up to the point where the window would open (JavaFX can be launched
 * once per JVM, so the window itself is covered by {@code DemoWizardUiTest}).
 */
class WizardCommandsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void helpListsTheWizardAndTheDemo() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("wizard", "demo", "With no command, opens the configuration wizard");
        assertThat(run("demo", "--help")).isZero();
        assertThat(out.toString()).contains("--tenant", "--directory", "--data");
        assertThat(run("wizard", "--help")).isZero();
        assertThat(out.toString()).contains("GWB_DATA");
    }

    @Test
    void theDemoRefusesAnUnreadableFixtureWithExitTwo() {
        assertThat(run("demo", "--tenant", dir.resolve("missing.json").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read", "missing.json");
    }

    @Test
    void theDemoNeedsAFreshDataDirectory() throws Exception {
        Files.writeString(dir.resolve("configuration.json"), "{}");
        assertThat(run("demo", "--data", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("already holds a configuration");
    }

    @Test
    void theDemoDraftCarriesTheDemoEndpointsAndPassword() throws Exception {
        try (DemoEnvironment env = DemoEnvironment.start(null, null, 0, 0, dir.resolve("env"))) {
            WizardServices.FirstRunDraft draft = DemoCommand.draft(env);
            assertThat(draft.configuration()).isEqualTo(env.configuration());
            assertThat(draft.configuration().cloud().authority()).isEqualTo(env.tenant().authority());
            assertThat(draft.directoryPassword()).isEqualTo(env.directory().bindPassword());
            assertThat(draft.signInClientId()).isEqualTo(env.tenant().publicClientId())
                    .isNotEqualTo(env.tenant().clientId());
            assertThat(draft.toString()).doesNotContain(env.directory().bindPassword());
        }
    }
}
