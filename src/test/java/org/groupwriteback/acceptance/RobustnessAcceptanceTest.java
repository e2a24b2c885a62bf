package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.acceptance.World.count;
import static org.groupwriteback.acceptance.World.defaultDn;
import static org.groupwriteback.acceptance.World.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import java.nio.file.Path;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures and scope changes: nothing is lost or deleted because a service misbehaved or the scope moved. */
class RobustnessAcceptanceTest {
    @TempDir
    Path tmp;

    World.Fixture twoGroups() {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        f.unified("Alpha", null, null, adele);
        f.security("Beta", true, adele);
        return f;
    }

    String idOf(World.Fixture f, int index) {
        return f.groups.get(index).get("id").asText();
    }

    @Test
    void aFailingGraphImportFailsTheCycleWithoutDeletingAnything() throws Exception {
        World.Fixture f = twoGroups();
        try (World w = World.start(tmp, f)) {
            w.initial();
            long usn = w.env.directory().highestCommittedUsn();
            w.env.tenant().failNext("delta", 20, 500);
            World.Cli c = w.sync();
            assertThat(c.exit()).isEqualTo(1);
            JsonNode run = c.json();
            assertThat(run.path("status").asText()).isEqualTo("FAILED");
            assertThat(run.path("message").asText()).isNotBlank();
            assertThat(w.env.directory().highestCommittedUsn()).isEqualTo(usn);
            w.env.tenant().clearFaults();
            JsonNode next = w.syncOk();
            assertThat(count(next, "deletes")).isZero();
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).hasSize(2);
        }
    }

    @Test
    void aTruncatedGraphPageFailsTheCycleWithoutDeletingAnything() throws Exception {
        World.Fixture f = twoGroups();
        try (World w = World.start(tmp, f)) {
            w.initial();
            w.env.tenant().malformedNext("groups", 1);
            World.Cli c = w.sync("--policy", "initial");
            if (c.exit() == 0) {
                assertThat(count(c.json(), "deletes")).isZero();
            } else {
                assertThat(c.json().path("status").asText()).isEqualTo("FAILED");
            }
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).hasSize(2);
        }
    }

    @Test
    void anUnreachableDirectoryFailsTheCycleWithAMessage() throws Exception {
        World.Fixture f = twoGroups();
        try (World w = World.start(tmp, f)) {
            w.env.directory().stop();
            World.Cli c = w.sync("--policy", "initial");
            assertThat(c.exit()).isEqualTo(1);
            JsonNode run = c.json();
            assertThat(run.path("status").asText()).isEqualTo("FAILED");
            assertThat(run.path("message").asText()).contains("127.0.0.1");
        }
    }

    @Test
    void syncWithoutAConfigurationIsBadUsage() {
        World.Cli c = World.gwb("sync", "--data", tmp.resolve("empty").toString(), "--json");
        assertThat(c.exit()).isEqualTo(2);
        assertThat(c.err()).isNotBlank();
    }

    @Test
    void aTargetOuThatDoesNotExistIsReportedNotCrashedOn() throws Exception {
        World.Fixture f = twoGroups();
        try (World w = World.start(tmp, f)) {
            DN missing = new DN(new RDN("OU", "Not There"), World.CORP);
            World.Cli conf = w.configure(c -> w.groupWriteback().put("targetOu", missing.toString()));
            if (conf.exit() == 2) {
                assertThat(conf.err()).contains("targetOu");
                return;
            }
            World.Cli c = w.sync("--policy", "initial");
            assertThat(c.exit()).isEqualTo(1);
            JsonNode run = c.json();
            String all = run.toString();
            assertThat(all).contains("Not There");
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).isEmpty();
        }
    }

    @Test
    void usersLeavingTheOuFilterOrUnsyncedLeaveTheGroups() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        DN contractors = new DN(new RDN("OU", "Contractors"), World.CORP);
        f.entry(new com.unboundid.ldap.sdk.Entry(contractors,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "organizationalUnit"),
                new com.unboundid.ldap.sdk.Attribute("ou", "Contractors")));
        String carl = f.syncedUser("Carl Contractor", contractors);
        String alex = f.syncedUser("Alex Wilber");
        String group = f.security("Mixed", true, adele, carl, alex).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            assertThat(World.members(w.entry(defaultDn(group)))).hasSize(3);

            assertThat(w.configure(c -> ((com.fasterxml.jackson.databind.node.ArrayNode) c.path("ouFilter")
                    .path("excluded")).add(contractors.toString())).exit()).isZero();
            JsonNode scoped = w.syncOk();
            assertThat(count(scoped, "memberRemoves")).isEqualTo(1);
            assertThat(scoped.path("skippedMembers").path("usersNotFoundOrOutOfScope").asInt()).isEqualTo(1);
            assertThat(World.members(w.entry(defaultDn(group))))
                    .containsExactlyInAnyOrder(userDn("Adele Vance"), userDn("Alex Wilber"));

            // Alex stops being synced: the cloud clears the SID, the AD account stays.
            w.env.tenant().addUser(new TenantFixture.User(alex, "Alex Wilber", "alexwilber@contoso.test", null,
                    null, null, null, null));
            JsonNode unsynced = w.syncOk();
            assertThat(count(unsynced, "memberRemoves")).isEqualTo(1);
            assertThat(World.members(w.entry(defaultDn(group)))).containsExactly(userDn("Adele Vance"));
        }
    }
}
