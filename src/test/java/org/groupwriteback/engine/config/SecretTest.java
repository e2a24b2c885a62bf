package org.groupwriteback.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a secret from the file the configuration names, and keeping it out of messages. */
class SecretTest {

    @TempDir
    Path dir;

    @Test
    void oneTrailingLineBreakIsNotPartOfThePassword() throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "P@ss word \n");
        assertThat(Secret.fromFile(f, "directory.passwordFile").reveal()).isEqualTo("P@ss word ");
        Files.writeString(f, "crlf\r\n");
        assertThat(Secret.fromFile(f, "directory.passwordFile").reveal()).isEqualTo("crlf");
    }

    @Test
    void missingOrEmptyFileNamesTheFieldAndTheFile() throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> Secret.fromFile(missing, "directory.passwordFile"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> {
                    assertThat(e.errors()).hasSize(1);
                    assertThat(e.errors().get(0).field()).isEqualTo("directory.passwordFile");
                    assertThat(e.errors().get(0).message()).startsWith("cannot read " + missing);
                });
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> Secret.fromFile(empty, "directory.passwordFile"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.errors().get(0).message())
                        .isEqualTo(empty + " is empty: write the secret into it"));
        assertThatThrownBy(() -> Secret.fromFile(null, "directory.passwordFile"))
                .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.errors().get(0).toString())
                        .startsWith("directory.passwordFile: is not set"));
    }

    @Test
    void neverPrintsItselfAndCannotBeUsedAfterClearing() throws Exception {
        Path f = Files.writeString(dir.resolve("pw"), "Top-Secret-1\n");
        Secret secret = Secret.fromFile(f, "directory.passwordFile");
        assertThat(secret.toString()).doesNotContain("Top-Secret-1").contains("directory.passwordFile");
        secret.clear();
        assertThatThrownBy(secret::reveal).isInstanceOf(IllegalStateException.class);
    }
}
