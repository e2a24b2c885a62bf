package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.acceptance.World.count;
import static org.groupwriteback.acceptance.World.defaultDn;
import static org.groupwriteback.acceptance.World.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios 3, 4, 6, 7, 8, 11, 12, 13, 14: what happens between cycles when the tenant (or AD) changes.
 * Fixture: a Microsoft 365 team and a security group that has the team nested in it, plus a cloud-only user and
 * a synced user whose AD account lives in the excluded OU.
 */
class LifecycleAcceptanceTest {
    static final DN MOVED = new DN(new RDN("OU", "Written Back; 2026"), World.CORP);

    @TempDir
    Path tmp;
    World.Fixture f;
    String adele;
    String alex;
    String carol;
    String kari;
    String team;
    String security;

    @BeforeEach
    void fixture() {
        f = new World.Fixture();
        adele = f.syncedUser("Adele Vance");
        alex = f.syncedUser("Alex Wilber");
        carol = f.cloudUser("Carol Cloud");
        kari = f.syncedUser("Kari Furu", World.EXCLUDED);
        team = f.unified("Team Rocket", null, null, adele).get("id").asText();
        security = f.security("Rocket Admins", true, adele, carol, kari, team).get("id").asText();
        f.entry(new com.unboundid.ldap.sdk.Entry(MOVED,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "organizationalUnit"),
                new com.unboundid.ldap.sdk.Attribute("ou", "Written Back; 2026")));
    }

    @Test
    void cloudRenameInDisplayNameModeRenamesTheSameObject() throws Exception {
        try (World w = World.start(tmp, f)) {
            w.configure(c -> w.groupWriteback().put("dnWithDisplayName", true));
            w.initial();
            DN before = NamingAcceptanceTest.displayNameDn("Team Rocket", team);
            byte[] guid = w.entry(before).getAttributeValueBytes("objectGUID");
            w.env.tenant().renameGroup(team, "Team Rocket, Reloaded");
            JsonNode run = w.syncOk();
            assertThat(count(run, "renames")).isEqualTo(1);
            assertThat(count(run, "creates")).isZero();
            assertThat(count(run, "deletes")).isZero();
            assertThat(w.entry(before)).isNull();
            SearchResultEntry after = w.entry(NamingAcceptanceTest.displayNameDn("Team Rocket, Reloaded", team));
            assertThat(after.getAttributeValueBytes("objectGUID")).isEqualTo(guid);
            assertThat(after.getAttributeValue("displayName")).isEqualTo("Team Rocket, Reloaded");
            // The nested group's member value follows the rename.
            assertThat(World.members(w.managed(security))).contains(after.getParsedDN());
        }
    }

    @Test
    void membersFollowTheCloudNestedGroupsResolveAndUnresolvableUsersAreCounted() throws Exception {
        try (World w = World.start(tmp, f)) {
            JsonNode run = w.initial();
            assertThat(World.members(w.entry(defaultDn(security))))
                    .containsExactlyInAnyOrder(userDn("Adele Vance"), defaultDn(team));
            JsonNode skipped = run.path("skippedMembers");
            assertThat(skipped.path("cloudOnlyUsers").asInt()).isEqualTo(1);
            assertThat(skipped.path("usersNotFoundOrOutOfScope").asInt()).isEqualTo(1);
            assertThat(w.entry(new DN(new RDN("CN", "Kari Furu"), World.EXCLUDED))).isNotNull();

            w.env.tenant().addMember(security, alex);
            w.env.tenant().removeMember(security, adele);
            JsonNode delta = w.syncOk();
            assertThat(count(delta, "memberAdds")).isEqualTo(1);
            assertThat(count(delta, "memberRemoves")).isEqualTo(1);
            assertThat(World.members(w.entry(defaultDn(security))))
                    .containsExactlyInAnyOrder(userDn("Alex Wilber"), defaultDn(team));
        }
    }

    @Test
    void typeChangeInTheCloudUpdatesGroupTypeInPlace() throws Exception {
        try (World w = World.start(tmp, f)) {
            w.initial();
            SearchResultEntry before = w.entry(defaultDn(team));
            assertThat(before.getAttributeValue("groupType")).isEqualTo("8");
            w.env.tenant().setWriteback(team, true, "universalSecurityGroup");
            JsonNode run = w.syncOk();
            assertThat(count(run, "updates")).isEqualTo(1);
            assertThat(count(run, "creates")).isZero();
            assertThat(count(run, "deletes")).isZero();
            SearchResultEntry after = w.entry(defaultDn(team));
            assertThat(after.getAttributeValue("groupType")).isEqualTo("-2147483640");
            assertThat(after.getAttributeValueBytes("objectGUID")).isEqualTo(before.getAttributeValueBytes("objectGUID"));
            assertThat(after.getAttributeValueBytes("objectSid")).isEqualTo(before.getAttributeValueBytes("objectSid"));
        }
    }

    @Test
    void softDeleteKeepsTheGroupRestoreLosesNothingHardDeleteRemovesIt() throws Exception {
        try (World w = World.start(tmp, f)) {
            w.initial();
            byte[] guid = w.entry(defaultDn(team)).getAttributeValueBytes("objectGUID");
            w.env.tenant().softDeleteGroup(team);
            JsonNode soft = w.syncOk();
            assertThat(count(soft, "deletes")).isZero();
            assertThat(w.entry(defaultDn(team)).getAttributeValueBytes("objectGUID")).isEqualTo(guid);
            assertThat(World.members(w.entry(defaultDn(team)))).containsExactly(userDn("Adele Vance"));

            w.env.tenant().restoreGroup(team);
            JsonNode restored = w.syncOk();
            assertThat(count(restored, "deletes")).isZero();
            assertThat(count(restored, "creates")).isZero();
            assertThat(w.entry(defaultDn(team)).getAttributeValueBytes("objectGUID")).isEqualTo(guid);
            assertThat(World.members(w.entry(defaultDn(team)))).containsExactly(userDn("Adele Vance"));

            w.env.tenant().hardDeleteGroup(team);
            JsonNode hard = w.syncOk();
            assertThat(count(hard, "deletes")).isEqualTo(1);
            assertThat(w.entry(defaultDn(team))).isNull();
            assertThat(World.members(w.entry(defaultDn(security)))).containsExactly(userDn("Adele Vance"));
        }
    }

    @Test
    void writebackSwitchedOffKeepsTheGroupFrozenUnlessDeletingIsOptedInto() throws Exception {
        try (World w = World.start(tmp, f)) {
            w.initial();
            w.env.tenant().setWriteback(team, false, null);
            w.env.tenant().renameGroup(team, "Renamed After Off");
            JsonNode off = w.syncOk();
            assertThat(count(off, "deletes")).isZero();
            SearchResultEntry kept = w.entry(defaultDn(team));
            assertThat(kept.getAttributeValue("displayName")).isEqualTo("Team Rocket");
            assertThat(kept.getAttributeValue("adminDescription")).isEqualTo("Group_" + team);

            assertThat(w.configure(c -> w.groupWriteback().put("deleteWhenWritebackDisabled", true)).exit()).isZero();
            JsonNode deleted = w.syncOk();
            assertThat(count(deleted, "deletes")).isEqualTo(1);
            assertThat(w.entry(defaultDn(team))).isNull();
            assertThat(w.entry(defaultDn(security))).isNotNull();
        }
    }

    @Test
    void driftOnManagedAttributesIsRevertedAndUnmanagedAttributesAreLeftAlone() throws Exception {
        try (World w = World.start(tmp, f)) {
            w.initial();
            DN dn = defaultDn(security);
            try (LDAPConnection c = w.ldap()) {
                c.modify(dn.toString(),
                        new Modification(ModificationType.REPLACE, "description", "edited in ADUC"),
                        new Modification(ModificationType.REPLACE, "groupType", "-2147483646"),
                        new Modification(ModificationType.DELETE, "member", userDn("Adele Vance").toString()),
                        new Modification(ModificationType.ADD, "member", userDn("Alex Wilber").toString()),
                        new Modification(ModificationType.REPLACE, "info", "ticket 4711"));
            }
            w.syncOk();
            SearchResultEntry e = w.entry(dn);
            assertThat(e.getAttributeValue("description")).isEqualTo("about Rocket Admins");
            assertThat(e.getAttributeValue("groupType")).isEqualTo("-2147483640");
            assertThat(World.members(e)).containsExactlyInAnyOrder(userDn("Adele Vance"), defaultDn(team));
            assertThat(e.getAttributeValue("info")).isEqualTo("ticket 4711");
        }
    }

    @Test
    void changingTheTargetOuMovesTheGroupsKeepingGuidAndSid() throws Exception {
        try (World w = World.start(tmp, f)) {
            w.initial();
            SearchResultEntry teamBefore = w.entry(defaultDn(team));
            SearchResultEntry secBefore = w.entry(defaultDn(security));
            assertThat(w.configure(c -> w.groupWriteback().put("targetOu", MOVED.toString())).exit()).isZero();
            JsonNode run = w.syncOk();
            assertThat(count(run, "moves")).isEqualTo(2);
            assertThat(count(run, "creates")).isZero();
            assertThat(count(run, "deletes")).isZero();
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).isEmpty();
            SearchResultEntry teamAfter = w.entry(new DN(new RDN("CN", "Group_" + team), MOVED));
            SearchResultEntry secAfter = w.entry(new DN(new RDN("CN", "Group_" + security), MOVED));
            assertThat(teamAfter.getAttributeValueBytes("objectGUID")).isEqualTo(teamBefore.getAttributeValueBytes("objectGUID"));
            assertThat(teamAfter.getAttributeValueBytes("objectSid")).isEqualTo(teamBefore.getAttributeValueBytes("objectSid"));
            assertThat(secAfter.getAttributeValueBytes("objectGUID")).isEqualTo(secBefore.getAttributeValueBytes("objectGUID"));
            assertThat(secAfter.getAttributeValueBytes("objectSid")).isEqualTo(secBefore.getAttributeValueBytes("objectSid"));
            assertThat(World.members(secAfter)).containsExactlyInAnyOrder(userDn("Adele Vance"), teamAfter.getParsedDN());
        }
    }

    @Test
    void anExpiredDeltaLinkFallsBackToAFullImportWithoutDuplicates() throws Exception {
        try (World w = World.start(tmp, f)) {
            w.initial();
            w.env.tenant().expireDeltaLinks();
            w.env.tenant().addMember(team, alex);
            JsonNode run = w.syncOk();
            assertThat(run.path("importReport").path("fullImport").asBoolean()).isTrue();
            assertThat(run.path("importReport").path("fullImportReason").asText()).isNotBlank();
            assertThat(count(run, "creates")).isZero();
            assertThat(count(run, "deletes")).isZero();
            assertThat(count(run, "memberAdds")).isEqualTo(1);
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).hasSize(2);
            assertThat(World.members(w.entry(defaultDn(team))))
                    .containsExactlyInAnyOrder(userDn("Adele Vance"), userDn("Alex Wilber"));
        }
    }

    @Test
    void aSecondCycleWithoutChangesWritesNothing() throws Exception {
        try (World w = World.start(tmp, f)) {
            w.initial();
            long usn = w.env.directory().highestCommittedUsn();
            JsonNode run = w.syncOk();
            for (String kind : new String[] {"creates", "updates", "renames", "moves", "memberAdds", "memberRemoves",
                "deletes"}) {
                assertThat(count(run, kind)).as(kind).isZero();
            }
            assertThat(w.env.directory().highestCommittedUsn()).isEqualTo(usn);
            JsonNode initialAgain = w.syncOk("--policy", "initial");
            assertThat(initialAgain.path("counts").path("creates").asInt()).isZero();
            assertThat(w.env.directory().highestCommittedUsn()).isEqualTo(usn);

            World.Cli runs = World.gwb("runs", "--data", w.data.toString(), "--json");
            assertThat(runs.exit()).isZero();
            assertThat(runs.json()).hasSize(3);
        }
    }
}
