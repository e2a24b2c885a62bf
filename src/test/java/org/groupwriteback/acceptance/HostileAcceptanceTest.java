package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.acceptance.World.count;
import static org.groupwriteback.acceptance.World.defaultDn;
import static org.groupwriteback.acceptance.World.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Harder cases beyond the listed scenarios: the tenant and the AD admins doing awkward things between cycles. */
class HostileAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void aCaseOnlyRenameInDisplayNameModeChangesTheCn() throws Exception {
        World.Fixture f = new World.Fixture();
        String team = f.unified("team rocket", null, null).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.configure(c -> w.groupWriteback().put("dnWithDisplayName", true));
            w.initial();
            byte[] guid = w.managed(team).getAttributeValueBytes("objectGUID");
            w.env.tenant().renameGroup(team, "TEAM ROCKET");
            JsonNode run = w.syncOk();
            SearchResultEntry e = w.managed(team);
            assertThat(e.getAttributeValue("displayName")).isEqualTo("TEAM ROCKET");
            assertThat(e.getAttributeValue("cn")).isEqualTo("TEAM ROCKET_" + team.substring(24));
            assertThat(e.getParsedDN().getRDN().getAttributeValues()[0]).isEqualTo("TEAM ROCKET_" + team.substring(24));
            assertThat(e.getAttributeValueBytes("objectGUID")).isEqualTo(guid);
            assertThat(count(run, "renames")).isEqualTo(1);
            assertThat(w.syncOk().path("counts").path("renames").asInt()).isZero();
        }
    }

    @Test
    void groupsNestedInEachOtherAreBothWrittenWithEachOtherAsMember() throws Exception {
        World.Fixture f = new World.Fixture();
        var a = f.security("Ping", true);
        var b = f.security("Pong", true, a.get("id").asText());
        a.withArray("members").add(b.get("id").asText());
        String ping = a.get("id").asText();
        String pong = b.get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            assertThat(World.members(w.entry(defaultDn(ping)))).containsExactly(defaultDn(pong));
            assertThat(World.members(w.entry(defaultDn(pong)))).containsExactly(defaultDn(ping));
            assertThat(count(w.syncOk(), "memberAdds")).isZero();
        }
    }

    @Test
    void aMemberGroupThatIsNotWrittenBackIsSkippedAndCounted() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String quiet = f.security("Quiet", false, adele).get("id").asText();
        String loud = f.security("Loud", true, adele, quiet).get("id").asText();
        try (World w = World.start(tmp, f)) {
            JsonNode run = w.initial();
            assertThat(run.path("skippedMembers").path("groupsNotWrittenBack").asInt()).isEqualTo(1);
            assertThat(World.members(w.entry(defaultDn(loud)))).containsExactly(userDn("Adele Vance"));
            // Turning writeback on for the member group writes it and then nests it.
            w.env.tenant().setWriteback(quiet, true, null);
            JsonNode delta = w.syncOk();
            assertThat(count(delta, "creates")).isEqualTo(1);
            assertThat(World.members(w.entry(defaultDn(loud))))
                    .containsExactlyInAnyOrder(userDn("Adele Vance"), defaultDn(quiet));
        }
    }

    @Test
    void aDeletedCloudUserLeavesEveryGroup() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String alex = f.syncedUser("Alex Wilber");
        String one = f.security("One", true, adele, alex).get("id").asText();
        String two = f.unified("Two", null, null, adele, alex).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            w.env.tenant().deleteUser(adele);
            JsonNode run = w.syncOk();
            assertThat(count(run, "memberRemoves")).isEqualTo(2);
            assertThat(World.members(w.entry(defaultDn(one)))).containsExactly(userDn("Alex Wilber"));
            assertThat(World.members(w.entry(defaultDn(two)))).containsExactly(userDn("Alex Wilber"));
        }
    }

    @Test
    void writebackOffThenOnAgainResumesManagingTheSameObject() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String alex = f.syncedUser("Alex Wilber");
        String sec = f.security("Toggle", true, adele).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            byte[] guid = w.entry(defaultDn(sec)).getAttributeValueBytes("objectGUID");
            w.env.tenant().setWriteback(sec, false, null);
            w.syncOk();
            w.env.tenant().addMember(sec, alex);
            w.env.tenant().setWriteback(sec, true, null);
            JsonNode run = w.syncOk();
            assertThat(run.path("exportErrors")).isEmpty();
            assertThat(count(run, "creates")).isZero();
            SearchResultEntry e = w.entry(defaultDn(sec));
            assertThat(e.getAttributeValueBytes("objectGUID")).isEqualTo(guid);
            assertThat(World.members(e)).containsExactlyInAnyOrder(userDn("Adele Vance"), userDn("Alex Wilber"));
        }
    }

    @Test
    void aManagedGroupRenamedOrDeletedInAdIsPutBack() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String renamed = f.security("Renamed In AD", true, adele).get("id").asText();
        String deleted = f.security("Deleted In AD", true, adele).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            byte[] guid = w.entry(defaultDn(renamed)).getAttributeValueBytes("objectGUID");
            try (LDAPConnection c = w.ldap()) {
                c.modifyDN(defaultDn(renamed).toString(), new RDN("CN", "Someone Renamed Me").toString(), true,
                        World.GROUPS.toString());
                c.delete(defaultDn(deleted).toString());
            }
            JsonNode run = w.syncOk();
            assertThat(run.path("exportErrors")).isEmpty();
            SearchResultEntry back = w.entry(defaultDn(renamed));
            assertThat(back).isNotNull();
            assertThat(back.getAttributeValueBytes("objectGUID")).isEqualTo(guid);
            assertThat(w.entry(new DN(new RDN("CN", "Someone Renamed Me"), World.GROUPS))).isNull();
            SearchResultEntry recreated = w.entry(defaultDn(deleted));
            assertThat(recreated).isNotNull();
            assertThat(World.members(recreated)).containsExactly(userDn("Adele Vance"));
            assertThat(count(w.syncOk(), "creates")).isZero();
        }
    }

    @Test
    void aGroupDeletedWhileTheDeltaLinkWasExpiredIsDeletedByTheFullImport() throws Exception {
        World.Fixture f = new World.Fixture();
        String keep = f.security("Keep", true).get("id").asText();
        String gone = f.security("Gone", true).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            w.env.tenant().hardDeleteGroup(gone);
            w.env.tenant().expireDeltaLinks();
            JsonNode run = w.syncOk();
            assertThat(run.path("importReport").path("fullImport").asBoolean()).isTrue();
            assertThat(count(run, "deletes")).isEqualTo(1);
            assertThat(w.entry(defaultDn(gone))).isNull();
            assertThat(w.entry(defaultDn(keep))).isNotNull();
        }
    }

    @Test
    void deletesUpToTheThresholdProceedAndFewerApprovalsThanNeededDoNot() throws Exception {
        World.Fixture f = new World.Fixture();
        String a = f.security("A", true).get("id").asText();
        String b = f.security("B", true).get("id").asText();
        String c3 = f.security("C", true).get("id").asText();
        try (World w = World.start(tmp, f)) {
            assertThat(w.configure(c -> c.put("deletionThreshold", 1)).exit()).isZero();
            w.initial();
            w.env.tenant().hardDeleteGroup(a);
            assertThat(count(w.syncOk(), "deletes")).isEqualTo(1);
            w.env.tenant().hardDeleteGroup(b);
            w.env.tenant().hardDeleteGroup(c3);
            World.Cli tooFew = w.sync("--allow-deletes", "1");
            assertThat(tooFew.exit()).isEqualTo(1);
            assertThat(tooFew.json().path("status").asText()).isEqualTo("DELETION_THRESHOLD_EXCEEDED");
            assertThat(w.entry(defaultDn(b))).isNotNull();
            assertThat(count(w.syncOk("--allow-deletes", "2"), "deletes")).isEqualTo(2);
        }
    }

    @Test
    void aGroupThatGrowsPastTheMemberLimitIsReportedAndLeftAsItWas() throws Exception {
        World.Fixture f = new World.Fixture();
        String[] users = new String[4];
        for (int i = 0; i < 4; i++) {
            users[i] = f.syncedUser("User " + i);
        }
        String grows = f.security("Grows", true, users[0], users[1], users[2]).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.configure(c -> w.groupWriteback().put("memberLimit", 3));
            w.initial();
            w.env.tenant().addMember(grows, users[3]);
            w.env.tenant().renameGroup(grows, "Grown");
            World.Cli c = w.sync();
            assertThat(c.exit()).isEqualTo(1);
            JsonNode error = c.json().path("exportErrors").get(0);
            assertThat(error.path("cloudId").asText()).isEqualTo(grows);
            assertThat(error.path("message").asText()).contains("4");
            SearchResultEntry e = w.entry(defaultDn(grows));
            assertThat(World.members(e)).hasSize(3);
            assertThat(count(c.json(), "deletes")).isZero();
        }
    }

    @Test
    void controlCharacterAndTrailingBackslashDisplayNamesStillGiveAValidCn() throws Exception {
        World.Fixture f = new World.Fixture();
        String control = f.security("Line\nFeed\tTab", true).get("id").asText();
        String trailingBackslash = f.security("x".repeat(50) + "\\tail", true).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.configure(c -> w.groupWriteback().put("dnWithDisplayName", true));
            JsonNode run = w.initial();
            assertThat(run.path("exportErrors")).isEmpty();
            assertThat(w.managed(control).getAttributeValue("cn")).doesNotContain("\n").endsWith(control.substring(24));
            assertThat(w.managed(trailingBackslash).getAttributeValue("cn"))
                    .isEqualTo("x".repeat(50) + "\\_" + trailingBackslash.substring(24));
            assertThat(w.syncOk().path("counts").path("renames").asInt()).isZero();
        }
    }

    @Test
    void renameAndTargetOuChangeInOneCycleGiveOneObjectAtTheNewPlace() throws Exception {
        World.Fixture f = new World.Fixture();
        String team = f.unified("Before", null, null).get("id").asText();
        DN newOu = new DN(new RDN("OU", "New, Home"), World.CORP);
        f.entry(new com.unboundid.ldap.sdk.Entry(newOu,
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "organizationalUnit"),
                new com.unboundid.ldap.sdk.Attribute("ou", "New, Home")));
        try (World w = World.start(tmp, f)) {
            w.configure(c -> w.groupWriteback().put("dnWithDisplayName", true));
            w.initial();
            byte[] guid = w.managed(team).getAttributeValueBytes("objectGUID");
            w.env.tenant().renameGroup(team, "After");
            w.configure(c -> w.groupWriteback().put("targetOu", newOu.toString()));
            JsonNode run = w.syncOk();
            assertThat(count(run, "creates")).isZero();
            assertThat(count(run, "deletes")).isZero();
            SearchResultEntry e = w.entry(new DN(new RDN("CN", "After_" + team.substring(24)), newOu));
            assertThat(e).isNotNull();
            assertThat(e.getAttributeValueBytes("objectGUID")).isEqualTo(guid);
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).isEmpty();
        }
    }

    @Test
    void disablingWritebackForMoreGroupsThanTheThresholdWaitsForApproval() throws Exception {
        World.Fixture f = new World.Fixture();
        f.security("One", true);
        f.security("Two", true);
        f.security("Three", true);
        try (World w = World.start(tmp, f)) {
            w.configure(c -> c.put("deletionThreshold", 2));
            w.initial();
            w.configure(c -> w.groupWriteback().put("enabled", false));
            World.Cli c = w.sync();
            assertThat(c.exit()).isEqualTo(1);
            assertThat(c.json().path("status").asText()).isEqualTo("DELETION_THRESHOLD_EXCEEDED");
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).hasSize(3);
            assertThat(count(w.syncOk("--allow-deletes", "3"), "deletes")).isEqualTo(3);
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).isEmpty();
        }
    }

    @Test
    void aGroupPurgedWhileSoftDeletedIsDeletedAndItsMemberships() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String inner = f.unified("Inner", null, null, adele).get("id").asText();
        String outer = f.security("Outer", true, adele, inner).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            w.env.tenant().softDeleteGroup(inner);
            w.syncOk();
            assertThat(w.entry(defaultDn(inner))).isNotNull();
            w.env.tenant().hardDeleteGroup(inner);
            JsonNode run = w.syncOk();
            assertThat(count(run, "deletes")).isEqualTo(1);
            assertThat(w.entry(defaultDn(inner))).isNull();
            assertThat(World.members(w.entry(defaultDn(outer)))).containsExactly(userDn("Adele Vance"));
            assertThat(w.syncOk().path("counts").path("memberRemoves").asInt()).isZero();
        }
    }
}
