package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.LDAPConnection;
import java.nio.file.Path;
import org.groupwriteback.testsupport.UnmanagedObjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gwb permissions verify} only reads by default; {@code --probe} writes a temporary group and removes it. */
class PermissionsVerifyAcceptanceTest {
    @TempDir
    Path tmp;

    private static World.Fixture fixture() {
        World.Fixture f = new World.Fixture();
        f.security("Beta", true, f.syncedUser("Adele Vance"));
        return f;
    }

    @Test
    void verifyByDefaultWritesNothingToTheDirectory() throws Exception {
        try (World w = World.start(tmp, fixture())) {
            UnmanagedObjects before;
            try (LDAPConnection c = w.ldap()) {
                before = UnmanagedObjects.snapshot(c, World.BASE);
            }
            long usn = w.env.directory().highestCommittedUsn();
            World.Cli verify = World.gwb("permissions", "verify", "--data", w.data.toString());
            assertThat(verify.exit()).as(verify.err()).isZero();
            assertThat(verify.out()).contains("ok: ", "read-only", "--probe");
            assertThat(w.env.directory().highestCommittedUsn()).as("no write at all").isEqualTo(usn);
            try (LDAPConnection c = w.ldap()) {
                before.assertUnchangedIn(c);
            }
        }
    }

    @Test
    void verifyWithProbeCreatesAndDeletesATemporaryGroup() throws Exception {
        try (World w = World.start(tmp, fixture())) {
            long usn = w.env.directory().highestCommittedUsn();
            World.Cli verify = World.gwb("permissions", "verify", "--data", w.data.toString(), "--probe");
            assertThat(verify.exit()).as(verify.err()).isZero();
            assertThat(verify.out()).contains("ok: ").doesNotContain("read-only");
            assertThat(w.env.directory().highestCommittedUsn()).as("the probe was written").isGreaterThan(usn);
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).as("and removed again")
                    .noneMatch(e -> e.getDN().toLowerCase().contains("gwb-probe"));
        }
    }

    @Test
    void readOnlyVerifyStillFindsAMissingCreateRight() throws Exception {
        try (World w = World.start(tmp, fixture())) {
            w.env.directory().denyWrites(World.CLOUD_GROUPS);
            long usn = w.env.directory().highestCommittedUsn();
            World.Cli verify = World.gwb("permissions", "verify", "--data", w.data.toString());
            assertThat(verify.exit()).isEqualTo(1);
            assertThat(verify.out()).contains("may not create groups in");
            assertThat(w.env.directory().highestCommittedUsn()).isEqualTo(usn);
        }
    }
}
