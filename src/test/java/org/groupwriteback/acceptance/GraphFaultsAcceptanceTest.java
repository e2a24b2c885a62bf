package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.acceptance.World.count;
import static org.groupwriteback.acceptance.World.defaultDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.testsupport.UnmanagedObjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Graph faults in the middle of a delta cycle after a converged initial one: each is retried or stops the cycle
 * cleanly, deletes nothing, says what happened in the run record, and the next cycle heals. Every scenario also
 * checks that objects group-writeback does not manage are byte-identical afterwards.
 */
class GraphFaultsAcceptanceTest {
    private static final DN UNMANAGED = new DN(new RDN("CN", "Finance Team"), World.GROUPS);

    @TempDir
    Path tmp;

    /** {@code groups} memberless security groups plus one with a member, and an unmanaged AD group. */
    private static World.Fixture groups(int groups) {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        f.security("With Member", true, adele);
        for (int i = 1; i < groups; i++) {
            f.security("Group " + i, true);
        }
        f.adGroup(UNMANAGED, "financeteam", "description", "kept as is", "member", World.userDn("Adele Vance")
                .toString());
        return f;
    }

    private static List<String> ids(World.Fixture f) {
        List<String> ids = new ArrayList<>();
        f.groups.forEach(g -> ids.add(g.get("id").asText()));
        return ids;
    }

    /**
     * Runs a converged initial cycle, injects the fault, runs {@code gwb sync}, checks nothing was deleted and
     * unmanaged objects are untouched, then clears the faults and checks the next cycle heals. Returns the faulted
     * cycle's run record.
     */
    private JsonNode faulted(World.Fixture f, Consumer<TenantEmulator> fault, String... syncArgs) throws Exception {
        try (World w = World.start(tmp, f)) {
            w.initial();
            UnmanagedObjects before;
            try (LDAPConnection c = w.ldap()) {
                before = UnmanagedObjects.snapshot(c, World.BASE);
            }
            fault.accept(w.env.tenant());
            World.Cli faultedRun = w.sync(syncArgs);
            JsonNode run = faultedRun.json();
            assertThat(count(run, "deletes")).as("deletes during a fault").isLessThanOrEqualTo(0);
            for (String id : ids(f)) {
                assertThat(w.managed(id)).as("group %s after the fault", id).isNotNull();
            }
            if (faultedRun.exit() != 0) {
                assertThat(run.path("status").asText()).isIn("FAILED", "COMPLETED_WITH_ERRORS");
                assertThat(run.path("message").asText()).as("run message").isNotBlank();
            }
            w.env.tenant().clearFaults();
            JsonNode healed = w.syncOk();
            assertThat(count(healed, "deletes")).isZero();
            assertThat(World.members(w.managed(ids(f).get(0)))).containsExactly(World.userDn("Adele Vance"));
            try (LDAPConnection c = w.ldap()) {
                assertThat(before.assertUnchangedIn(c)).isGreaterThanOrEqualTo(10);
            }
            return run;
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 503})
    void aStormOfRetryAfterAnswersFailsTheCycleCleanlyAndTheNextOneHeals(int status) throws Exception {
        JsonNode run = faulted(groups(3), t -> {
            if (status == 429) {
                t.throttleNext("/groups/delta", 50, 1);
            } else {
                t.unavailableNext("/groups/delta", 50, 1);
            }
        });
        assertThat(run.path("status").asText()).isEqualTo("FAILED");
        assertThat(run.path("message").asText()).containsAnyOf(Integer.toString(status), "throttl", "unavailable",
                "Unavailable", "retry", "Retry");
    }

    @Test
    void aShort429BurstIsRetriedWithinTheCycleAndCounted() throws Exception {
        JsonNode run = faulted(groups(3), t -> t.throttleNext("/groups/delta", 2, 1));
        assertThat(run.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(run.path("importReport").path("throttledResponses").asInt()).isEqualTo(2);
    }

    @Test
    void aConnectionDroppedOnTheSecondPageNeverLooksLikeAShorterTenant() throws Exception {
        World.Fixture f = groups(130);
        JsonNode run = faulted(f, t -> t.dropNext("/groups/delta?$skiptoken", 10), "--policy", "initial");
        assertThat(run.path("status").asText()).isIn("FAILED", "SUCCESS");
        assertThat(count(run, "deletes")).isLessThanOrEqualTo(0);
    }

    @Test
    void aMalformedSecondPageFailsTheCycleWithoutDeletingTheGroupsOfTheMissingPage() throws Exception {
        World.Fixture f = groups(130);
        JsonNode run = faulted(f, t -> t.malformedNext("/groups/delta?$skiptoken", 1), "--policy", "initial");
        assertThat(run.path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void aTokenRejectedMidCycleStopsTheCycleCleanly() throws Exception {
        JsonNode run = faulted(groups(130), t -> t.failNext("/groups/delta?$skiptoken", 5, 401), "--policy",
                "initial");
        assertThat(run.path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void tokensExpiringBetweenPagesAreRenewedAndTheCycleCompletes() throws Exception {
        JsonNode run = faulted(groups(130), t -> {
            t.setTokenLifetime(Duration.ofSeconds(3));
            t.latency("/groups/delta?$skiptoken", Duration.ofMillis(1500));
        }, "--policy", "initial");
        assertThat(run.path("status").asText()).isEqualTo("SUCCESS");
    }

    @Test
    void anExpiredDeltaLinkFallsBackToAFullImportThatDeletesNothing() throws Exception {
        JsonNode run = faulted(groups(3), TenantEmulator::expireDeltaLinks);
        assertThat(run.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(count(run, "deletes")).isZero();
    }

    @Test
    void anImportOfZeroGroupsIsHeldByTheDeletionThreshold() throws Exception {
        World.Fixture f = groups(4);
        try (World w = World.start(tmp, f)) {
            assertThat(w.configure(c -> c.put("deletionThreshold", 2)).exit()).isZero();
            w.initial();
            UnmanagedObjects before;
            try (LDAPConnection c = w.ldap()) {
                before = UnmanagedObjects.snapshot(c, World.BASE);
            }
            ids(f).forEach(w.env.tenant()::hardDeleteGroup);
            for (String policy : List.of("delta", "initial")) {
                World.Cli emptied = w.sync("--policy", policy);
                assertThat(emptied.exit()).isEqualTo(1);
                JsonNode run = emptied.json();
                assertThat(run.path("status").asText()).isEqualTo("DELETION_THRESHOLD_EXCEEDED");
                assertThat(run.path("message").asText()).contains("4 deletes planned", "--allow-deletes 4");
                assertThat(run.path("pendingDeletes").asInt()).isEqualTo(4);
            }
            for (String id : ids(f)) {
                assertThat(w.entry(defaultDn(id))).isNotNull();
            }
            try (LDAPConnection c = w.ldap()) {
                before.assertUnchangedIn(c);
            }
        }
    }
}
