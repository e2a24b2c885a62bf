package org.groupwriteback.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;

/**
 * A state file H2 finds damaged is refused with a message that names the file and the command that rebuilds
 * the anchors; other open failures keep the generic message. The acceptance suite truncates a real file.
 */
class StateStoreDamageTest {
    private static final Path DIR = Path.of("/var/lib/gwb");

    @Test
    void aDamagedFileIsNamedWithTheRebuildCommand() {
        StateException e = StateStore.openFailure(DIR, new SQLException("File corrupted while reading record",
                "XX000", ErrorCode.FILE_CORRUPTED_1));
        assertThat(e.getMessage()).contains("the state store " + DIR.resolve("state.mv.db") + " is damaged")
                .contains("File corrupted while reading record").contains("nothing was changed in AD")
                .contains("Move the file aside").contains("gwb sync --adopt");
    }

    @Test
    void otherFailuresKeepTheGenericMessage() {
        StateException e = StateStore.openFailure(DIR, new SQLException("Database may be already in use",
                "90020", ErrorCode.DATABASE_ALREADY_OPEN_1));
        assertThat(e.getMessage()).isEqualTo("cannot open the state store in " + DIR + ": Database may be already in use");
    }
}
