package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.acceptance.World.count;
import static org.groupwriteback.acceptance.World.defaultDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios 5, 9, 10, 17, 18: member limit, disabling the feature, deletion threshold, throttling, dry run, bad input. */
class SafetyAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void aGroupOverTheMemberLimitIsAnExportErrorNamingItAndItsSize() throws Exception {
        World.Fixture f = new World.Fixture();
        String[] six = new String[6];
        for (int i = 0; i < 6; i++) {
            six[i] = f.syncedUser("Member " + i);
        }
        String big = f.security("Six Pack", true, six).get("id").asText();
        String small = f.security("Five Alive", true, List.of(six).subList(0, 5).toArray(String[]::new))
                .get("id").asText();
        try (World w = World.start(tmp, f)) {
            assertThat(w.configure(c -> w.groupWriteback().put("memberLimit", 5)).exit()).isZero();
            World.Cli c = w.sync("--policy", "initial");
            assertThat(c.exit()).isEqualTo(1);
            JsonNode run = c.json();
            assertThat(run.path("status").asText()).isEqualTo("COMPLETED_WITH_ERRORS");
            assertThat(run.path("exportErrors")).hasSize(1);
            JsonNode error = run.path("exportErrors").get(0);
            assertThat(error.path("cloudId").asText()).isEqualTo(big);
            assertThat(error.path("message").asText()).contains("Six Pack").contains("6");
            assertThat(w.managed(big)).isNull();
            assertThat(World.members(w.entry(defaultDn(small)))).hasSize(5);
        }
    }

    @Test
    void disablingWritebackDeletesOnlyTheGroupsTheEngineCreated() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String one = f.unified("One", null, null, adele).get("id").asText();
        String two = f.security("Two", true, adele).get("id").asText();
        DN handMade = new DN(new RDN("CN", "Hand Made"), World.CLOUD_GROUPS);
        String legacyId = World.id("legacy connect group");
        DN legacy = new DN(new RDN("CN", "Group_" + legacyId), World.CLOUD_GROUPS);
        f.adGroup(handMade, "handmade", "description", "not ours");
        f.adGroup(legacy, "legacy", "adminDescription", "Group_" + legacyId, "description", "Connect's");
        try (World w = World.start(tmp, f)) {
            w.initial();
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).hasSize(4);
            assertThat(w.configure(c -> w.groupWriteback().put("enabled", false)).exit()).isZero();
            JsonNode run = w.syncOk();
            assertThat(count(run, "deletes")).isEqualTo(2);
            assertThat(w.managed(one)).isNull();
            assertThat(w.managed(two)).isNull();
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).extracting(SearchResultEntry::getParsedDN)
                    .containsExactlyInAnyOrder(handMade, legacy);
            assertThat(w.entry(handMade).getAttributeValue("description")).isEqualTo("not ours");
            assertThat(w.entry(legacy).getAttributeValue("description")).isEqualTo("Connect's");
            assertThat(w.entry(legacy).getAttributeValue("sAMAccountName")).isEqualTo("legacy");
        }
    }

    @Test
    void theDeletionThresholdStopsTheCycleUntilDeletesAreApproved() throws Exception {
        World.Fixture f = new World.Fixture();
        String a = f.security("Doomed A", true).get("id").asText();
        String b = f.security("Doomed B", true).get("id").asText();
        String c3 = f.security("Doomed C", true).get("id").asText();
        String survivor = f.security("Survivor", true).get("id").asText();
        try (World w = World.start(tmp, f)) {
            assertThat(w.configure(c -> c.put("deletionThreshold", 2)).exit()).isZero();
            w.initial();
            for (String id : List.of(a, b, c3)) {
                w.env.tenant().hardDeleteGroup(id);
            }
            w.env.tenant().renameGroup(survivor, "Survivor Renamed");
            World.Cli stopped = w.sync();
            assertThat(stopped.exit()).isEqualTo(1);
            JsonNode run = stopped.json();
            assertThat(run.path("status").asText()).isEqualTo("DELETION_THRESHOLD_EXCEEDED");
            assertThat(run.path("pendingDeletes").asInt()).isEqualTo(3);
            assertThat(run.path("message").asText()).contains("3").contains("2");
            assertThat(count(run, "deletes")).isZero();
            for (String id : List.of(a, b, c3)) {
                assertThat(w.entry(defaultDn(id))).isNotNull();
            }
            assertThat(w.entry(defaultDn(survivor)).getAttributeValue("displayName")).isEqualTo("Survivor");

            // The deletes are still planned on the next cycle (the delta was not lost) and can be approved.
            JsonNode approved = w.syncOk("--allow-deletes", "3");
            assertThat(count(approved, "deletes")).isEqualTo(3);
            for (String id : List.of(a, b, c3)) {
                assertThat(w.entry(defaultDn(id))).isNull();
            }
            assertThat(w.entry(defaultDn(survivor)).getAttributeValue("displayName")).isEqualTo("Survivor Renamed");
        }
    }

    @Test
    void throttledGraphResponsesAreRetriedAndReported() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String team = f.unified("Throttled Team", null, null, adele).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.env.tenant().throttleNext("groups", 2, 1);
            JsonNode run = w.initial();
            assertThat(run.path("importReport").path("throttledResponses").asInt()).isEqualTo(2);
            assertThat(World.members(w.entry(defaultDn(team)))).containsExactly(World.userDn("Adele Vance"));
        }
    }

    @Test
    void dryRunPrintsThePlanAndChangesNothing() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String team = f.unified("Dry Team", null, null, adele).get("id").asText();
        try (World w = World.start(tmp, f)) {
            long usn = w.env.directory().highestCommittedUsn();
            World.Cli dry = w.sync("--policy", "initial", "--dry-run");
            assertThat(dry.exit()).as(dry.err()).isZero();
            JsonNode plan = dry.json();
            assertThat(plan.path("dryRun").asBoolean()).isTrue();
            assertThat(count(plan, "creates")).isEqualTo(1);
            assertThat(plan.path("plan").toString()).contains(defaultDn(team).toString().substring(0, 20));
            assertThat(w.env.directory().highestCommittedUsn()).isEqualTo(usn);
            assertThat(w.managed(team)).isNull();

            World.Cli text = World.gwb("sync", "--data", w.data.toString(), "--dry-run");
            assertThat(text.exit()).isZero();
            assertThat(text.out()).contains("Group_" + team);
            assertThat(w.managed(team)).isNull();

            // The dry run did not consume the changes: the real cycle still creates the group.
            JsonNode real = w.syncOk();
            assertThat(count(real, "creates")).isEqualTo(1);
            assertThat(w.managed(team)).isNotNull();
        }
    }

    @Test
    void invalidConfigurationsAreRefusedWithExitTwoNamingTheField() throws Exception {
        World.Fixture f = new World.Fixture();
        f.security("Anything", true);
        try (World w = World.start(tmp, f)) {
            World.Cli unknown = w.configure(c -> w.groupWriteback().put("targetOU", "typo"));
            assertThat(unknown.exit()).isEqualTo(2);
            assertThat(unknown.err()).contains("targetOU");
            w.groupWriteback().remove("targetOU");

            String outside = World.EXCLUDED.toString();
            World.Cli outOfScope = w.configure(c -> w.groupWriteback().put("targetOu", outside));
            assertThat(outOfScope.exit()).isEqualTo(2);
            assertThat(outOfScope.err()).contains("groupWriteback.targetOu");

            World.Cli wrongType = w.configure(c -> {
                w.groupWriteback().put("targetOu", World.CLOUD_GROUPS.toString());
                c.put("deletionThreshold", "many");
            });
            assertThat(wrongType.exit()).isEqualTo(2);
            assertThat(wrongType.err()).contains("deletionThreshold");

            // The stored configuration is still the valid one: a cycle runs.
            World.Cli show = World.gwb("configure", "--data", w.data.toString(), "--show");
            assertThat(show.out()).doesNotContain("many").doesNotContain("typo");
            assertThat(World.gwb("sync", "--data", w.data.toString(), "--policy", "bogus").exit()).isEqualTo(2);
        }
    }
}
