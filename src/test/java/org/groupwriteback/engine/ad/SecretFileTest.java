package org.groupwriteback.engine.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {

    @TempDir
    Path dir;

    @Test
    void oneTrailingLineBreakIsNotPartOfThePassword() throws Exception {
        Path f = dir.resolve("pw");
        Files.writeString(f, "P@ss word \n");
        assertThat(SecretFile.read(f, "directory.passwordFile")).isEqualTo("P@ss word ");
        Files.writeString(f, "crlf\r\n");
        assertThat(SecretFile.read(f, "directory.passwordFile")).isEqualTo("crlf");
    }

    @Test
    void missingOrEmptyFileNamesTheFieldAndTheFile() throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> SecretFile.read(missing, "directory.passwordFile"))
                .isInstanceOf(DirectoryException.class)
                .hasMessageStartingWith("cannot read directory.passwordFile " + missing);
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> SecretFile.read(empty, "directory.passwordFile"))
                .hasMessage("directory.passwordFile " + empty + " is empty: write the password into it");
        assertThatThrownBy(() -> SecretFile.read(null, "directory.passwordFile"))
                .hasMessageStartingWith("directory.passwordFile is not set");
    }
}
