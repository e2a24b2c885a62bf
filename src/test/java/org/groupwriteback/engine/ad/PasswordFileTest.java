package org.groupwriteback.engine.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.ad.DirectoryException.Kind;
import org.groupwriteback.engine.config.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter reads the bind password with {@link Secret} and reports file problems as configuration errors. */
class PasswordFileTest {

    @TempDir
    Path dir;

    @Test
    void readsThePasswordWithoutTheTrailingLineBreak() throws Exception {
        Path f = dir.resolve("pw");
        DataDirectory.writeSecretFile(f, "P@ss word \n".toCharArray());
        try (Secret s = LdapTransport.readPassword(f, "directory.passwordFile")) {
            assertThat(s.reveal()).isEqualTo("P@ss word ");
        }
    }

    @Test
    void fileProblemsAreConfigurationErrorsNamingTheFieldAndTheFile() throws Exception {
        Path missing = dir.resolve("nope");
        assertThatThrownBy(() -> LdapTransport.readPassword(missing, "directory.passwordFile"))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
                    assertThat(e.getMessage()).startsWith("directory.passwordFile: cannot read " + missing);
                });
        Path empty = dir.resolve("empty");
        DataDirectory.writeSecretFile(empty, "\r\n".toCharArray());
        assertThatThrownBy(() -> LdapTransport.readPassword(empty, "directory.passwordFile"))
                .isInstanceOfSatisfying(DirectoryException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION);
                    assertThat(e.getMessage())
                            .isEqualTo("directory.passwordFile: " + empty + " is empty: write the secret into it");
                });
        assertThatThrownBy(() -> LdapTransport.readPassword(null, "directory.passwordFile"))
                .isInstanceOfSatisfying(DirectoryException.class,
                        e -> assertThat(e.kind()).isEqualTo(Kind.CONFIGURATION));
    }
}
