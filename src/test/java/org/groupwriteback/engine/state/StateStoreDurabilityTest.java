package org.groupwriteback.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the engine commits to the state store survives the process dying right after the commit (no
 * shutdown hook, no close, no background flush): an intent recorded before an LDAP write must be
 * there for the next cycle to recognise its own half-finished work. The crash suite does the same
 * with real SIGKILLs of whole cycles; this is the store's own, deterministic check.
 */
class StateStoreDurabilityTest {
    @TempDir
    Path dir;

    /** Child process: records a run and intents, then halts at once, like a kill right after the commit. */
    public static void main(String[] args) {
        StateStore s = StateStore.open(Path.of(args[0]));
        long run = s.beginRun("initial", false, Instant.now());
        for (int i = 1; i <= 20; i++) {
            s.recordIntent(run, i, "create", "cloud-" + i, "CN=Group_cloud-" + i + ",OU=Cloud,DC=x");
        }
        s.putSetting("written", Long.toString(run));
        Runtime.getRuntime().halt(137);
    }

    @Test
    void commitsSurviveTheProcessDyingImmediatelyAfter() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                StateStoreDurabilityTest.class.getName(), dir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(p.exitValue()).isEqualTo(137);
        try (StateStore s = StateStore.open(dir)) {
            assertThat(s.setting("written")).isPresent();
            long run = Long.parseLong(s.setting("written").orElseThrow());
            assertThat(s.changes(run)).hasSize(20);
            assertThat(s.hasUnfinishedIntent("cloud-20", "create", run + 1)).isTrue();
            assertThat(s.runStatus(run)).contains("INTERRUPTED");
        }
    }
}
