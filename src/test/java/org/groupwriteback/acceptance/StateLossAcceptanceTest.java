package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The H2 state file deleted or truncated between cycles: the engine never creates a second group for a cloud
 * group it already wrote back. A plain cycle refuses, naming the state file and the next command; told to with
 * {@code --adopt}, it rebuilds its anchors from the groups carrying its marker and converges.
 */
class StateLossAcceptanceTest {
    private static final String STATE_FILE = "state.mv.db";

    @TempDir
    Path tmp;

    private String renamed;

    private World.Fixture tenant() {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String alex = f.syncedUser("Alex Wilber");
        renamed = f.unified("Marketing", null, null, adele, alex).get("id").asText();
        String finance = f.security("Finance", true, alex).get("id").asText();
        f.unified("Sales", null, null, adele);
        f.security("Nested", true, adele, finance);
        return f;
    }

    @Test
    void aDeletedStateFileNeverLeadsToDuplicatesAndAdoptRebuildsTheAnchors() throws Exception {
        try (World w = World.start(tmp, tenant())) {
            assertThat(w.configure(c -> w.groupWriteback().put("dnWithDisplayName", true)).exit()).isZero();
            w.initial();
            DirectoryContent before = DirectoryContent.read(w.env.directory());
            Files.delete(w.data.resolve(STATE_FILE));
            // With display-name DNs a rename moves the DN: a create there would be a second group.
            w.env.tenant().renameGroup(renamed, "Marketing EMEA");

            refusedWithoutDuplicates(w, before);
            rebuiltWithAdopt(w);
        }
    }

    @Test
    void aTruncatedStateFileIsRefusedNamingTheFileAndAdoptRebuildsAfterItIsMovedAside() throws Exception {
        try (World w = World.start(tmp, tenant())) {
            assertThat(w.configure(c -> w.groupWriteback().put("dnWithDisplayName", true)).exit()).isZero();
            w.initial();
            w.syncOk();
            DirectoryContent before = DirectoryContent.read(w.env.directory());
            Path state = w.data.resolve(STATE_FILE);
            try (FileChannel ch = FileChannel.open(state, StandardOpenOption.WRITE)) {
                ch.truncate(ch.size() / 2);
            }
            w.env.tenant().renameGroup(renamed, "Marketing EMEA");

            World.Cli c = w.sync();
            assertThat(DirectoryContent.read(w.env.directory()).duplicates).as("duplicates after a truncated state file").isEmpty();
            if (c.exit() != 0) {
                String text = c.out() + c.err();
                assertThat(text).as("the refusal names the state file").contains(state.toString());
                assertThat(text).as("and the next command").contains("gwb sync --adopt");
                assertThat(DirectoryContent.read(w.env.directory()).managed).as("nothing written").isEqualTo(before.managed);
                Files.move(state, w.data.resolve("state.mv.db.broken"));
            }
            rebuiltWithAdopt(w);
        }
    }

    /** A plain cycle on a lost state: no group written twice, the refusal names the file and {@code --adopt}. */
    private static void refusedWithoutDuplicates(World w, DirectoryContent before) {
        World.Cli c = w.sync();
        DirectoryContent after = DirectoryContent.read(w.env.directory());
        assertThat(after.duplicates).as("duplicates after the state file was lost").isEmpty();
        assertThat(c.exit()).as("a cycle on a lost state is not a success: %s", c.out()).isNotZero();
        String text = c.out() + c.err();
        assertThat(text).as("the refusal names the state file").contains(w.data.resolve(STATE_FILE).toString());
        assertThat(text).as("and the next command").contains("gwb sync --adopt");
        assertThat(after.managed).as("the groups written before are untouched").isEqualTo(before.managed);
        assertThat(after.unmanaged).isEqualTo(before.unmanaged);
    }

    /** {@code gwb sync --adopt} takes the marked groups back and converges; a second cycle has nothing to do. */
    private void rebuiltWithAdopt(World w) {
        JsonNode adopt = w.syncOk("--adopt");
        assertThat(adopt.path("exportErrors")).isEmpty();
        DirectoryContent after = DirectoryContent.read(w.env.directory());
        assertThat(after.duplicates).isEmpty();
        assertThat(after.anchorProblems(w.data)).isEmpty();
        assertThat(after.managed).hasSize(4);
        assertThat(after.managed.get("Group_" + renamed).displayName()).isEqualTo("Marketing EMEA");
        assertThat(after.managed.get("Group_" + renamed).dn()).startsWith("cn=marketing emea_");
        JsonNode again = w.syncOk();
        assertThat(World.count(again, "creates")).isZero();
        assertThat(World.count(again, "renames")).isZero();
        Map<String, DirectoryContent.Group> stable = DirectoryContent.read(w.env.directory()).managed;
        assertThat(stable).isEqualTo(after.managed);
    }
}
