package org.groupwriteback.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretTest {
    @TempDir
    Path dir;

    private Path secretFile(String content, String mode) throws Exception {
        Path f = Files.writeString(dir.resolve("pw"), content);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
        return f;
    }

    @Test
    void readsTheSecretWithoutItsTrailingLineBreakAndNeverPrintsIt() throws Exception {
        try (Secret s = Secret.fromFile(secretFile("P@ss word \r\n", "rw-------"), "directory.passwordFile")) {
            assertThat(s.reveal()).isEqualTo("P@ss word ");
            assertThat(s.toString()).contains("directory.passwordFile").doesNotContain("P@ss");
        }
    }

    @Test
    void aClearedSecretCannotBeUsed() throws Exception {
        Secret s = Secret.fromFile(secretFile("x", "rw-------"), "f");
        s.clear();
        assertThatThrownBy(s::chars).isInstanceOf(IllegalStateException.class).hasMessageContaining("f");
    }

    @Test
    void refusesAFileOthersMayReadNamingTheFieldTheFileAndTheFix() throws Exception {
        Path f = secretFile("secret", "rw-r--r--");
        assertThatThrownBy(() -> Secret.fromFile(f, "cloud.credential.secretFile"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("cloud.credential.secretFile").hasMessageContaining(f.toString())
                .hasMessageContaining("chmod 600").hasMessageNotContaining("secret\n");
    }

    @Test
    void refusesAFileOthersMayWrite() throws Exception {
        Path f = secretFile("secret", "rw-----w-");
        assertThatThrownBy(() -> Secret.fromFile(f, "directory.passwordFile"))
                .hasMessageContaining("written").hasMessageContaining("chmod 600");
    }

    @Test
    void acceptsAFileTheGroupMayRead() throws Exception {
        try (Secret s = Secret.fromFile(secretFile("secret", "rw-r-----"), "directory.passwordFile")) {
            assertThat(s.reveal()).isEqualTo("secret");
        }
    }

    @Test
    void missingEmptyAndUnsetFilesNameTheField() throws Exception {
        assertThatThrownBy(() -> Secret.fromFile(dir.resolve("absent"), "directory.passwordFile"))
                .hasMessageContaining("directory.passwordFile").hasMessageContaining("cannot read");
        Path empty = secretFile("\n", "rw-------");
        assertThatThrownBy(() -> Secret.fromFile(empty, "directory.passwordFile")).hasMessageContaining("empty");
        assertThatThrownBy(() -> Secret.fromFile(null, "directory.passwordFile")).hasMessageContaining("not set");
    }
}
