package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.acceptance.World.count;
import static org.groupwriteback.acceptance.World.defaultDn;
import static org.groupwriteback.acceptance.World.userDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import java.util.List;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant-side changes that do not touch the group itself, or touch it in less common ways. */
class TenantChangesAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void aMemberUserThatBecomesSyncedIsWrittenOnTheNextDeltaCycle() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String later = f.cloudUser("Later Synced");
        // The AD account exists already; the cloud user gets its SID once Connect matches them.
        f.entry(new com.unboundid.ldap.sdk.Entry(userDn("Later Synced"),
                new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                new com.unboundid.ldap.sdk.Attribute("cn", "Later Synced"),
                new com.unboundid.ldap.sdk.Attribute("sAMAccountName", "latersynced"),
                new com.unboundid.ldap.sdk.Attribute("objectSid",
                        new org.groupwriteback.engine.ad.Sid(World.DOMAIN_SID + "-4000").toBytes())));
        String group = f.security("Waiting Room", true, adele, later).get("id").asText();
        try (World w = World.start(tmp, f)) {
            JsonNode first = w.initial();
            assertThat(first.path("skippedMembers").path("cloudOnlyUsers").asInt()).isEqualTo(1);
            assertThat(World.members(w.entry(defaultDn(group)))).containsExactly(userDn("Adele Vance"));

            w.env.tenant().addUser(new TenantFixture.User(later, "Later Synced", "latersynced@contoso.test", null,
                    true, World.DOMAIN_SID + "-4000", userDn("Later Synced").toString(), "latersynced"));
            JsonNode delta = w.syncOk();
            assertThat(count(delta, "memberAdds")).isEqualTo(1);
            assertThat(World.members(w.entry(defaultDn(group))))
                    .containsExactlyInAnyOrder(userDn("Adele Vance"), userDn("Later Synced"));
        }
    }

    @Test
    void turningTheTenantDefaultOffOnlyStopsNewMicrosoft365Groups() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String unset = f.unified("Default Team", null, null).get("id").asText();
        String explicit = f.unified("Explicit Team", true, null).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            w.env.tenant().setUnifiedWritebackDefault(false);
            w.env.tenant().renameGroup(unset, "Default Team Renamed");
            w.env.tenant().addMember(unset, adele);
            w.env.tenant().renameGroup(explicit, "Explicit Team Renamed");
            String created = w.env.tenant().createGroup("New Team", "newteam", List.of("Unified"), false,
                    true, List.of(adele));
            JsonNode run = w.syncOk();
            assertThat(count(run, "deletes")).isZero();
            assertThat(count(run, "creates")).isZero();
            // An existing group with writeback unset keeps Connect's default: still written back and updated.
            SearchResultEntry kept = w.entry(defaultDn(unset));
            assertThat(kept.getAttributeValue("displayName")).isEqualTo("Default Team Renamed");
            assertThat(World.members(kept)).containsExactly(userDn("Adele Vance"));
            assertThat(w.entry(defaultDn(explicit)).getAttributeValue("displayName")).isEqualTo("Explicit Team Renamed");
            // A group created while the default is off gets isEnabled false, as Entra stamps it.
            assertThat(w.env.tenant().writeback(created).isEnabled()).isFalse();
            assertThat(w.managed(created)).isNull();
        }
    }

    @Test
    void aTypeASecurityGroupCannotHaveIsAnExportErrorAndTheGroupStaysAsItWas() throws Exception {
        World.Fixture f = new World.Fixture();
        String sec = f.security("Strict", true).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            w.env.tenant().setWriteback(sec, true, "universalDistributionGroup");
            World.Cli c = w.sync();
            assertThat(c.exit()).isEqualTo(1);
            JsonNode error = c.json().path("exportErrors").get(0);
            assertThat(error.path("cloudId").asText()).isEqualTo(sec);
            assertThat(error.path("message").asText()).contains("universalDistributionGroup");
            assertThat(w.entry(defaultDn(sec)).getAttributeValue("groupType")).isEqualTo("-2147483640");
        }
    }

    @Test
    void defaultNamingRenameUpdatesDisplayNameOnlyAndAClearedDescriptionIsRemoved() throws Exception {
        World.Fixture f = new World.Fixture();
        String team = f.unified("Plain Team", null, null).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            w.env.tenant().renameGroup(team, "Plain Team 2");
            w.env.tenant().setDescription(team, null);
            JsonNode run = w.syncOk();
            assertThat(count(run, "renames")).isZero();
            assertThat(count(run, "updates")).isEqualTo(1);
            SearchResultEntry e = w.entry(defaultDn(team));
            assertThat(e.getAttributeValue("displayName")).isEqualTo("Plain Team 2");
            assertThat(e.getAttributeValue("description")).isNull();

            World.Cli last = World.gwb("runs", "--data", w.data.toString(), "--last", "1", "--json");
            assertThat(last.exit()).isZero();
            assertThat(last.json()).hasSize(1);
            assertThat(last.json().get(0).path("id").asLong()).isEqualTo(run.path("id").asLong());
            World.Cli text = World.gwb("runs", "--data", w.data.toString());
            assertThat(text.exit()).isZero();
            assertThat(text.out()).isNotBlank();
        }
    }
}
