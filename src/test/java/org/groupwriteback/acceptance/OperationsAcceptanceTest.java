package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.acceptance.World.count;
import static org.groupwriteback.acceptance.World.defaultDn;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin's other verbs: per-group writeback through Graph, and one cycle at a time. */
class OperationsAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void writebackSetChangesTheTenantAndTheNextCycleAppliesIt() throws Exception {
        World.Fixture f = new World.Fixture();
        String team = f.unified("Portal Team", null, null).get("id").asText();
        String quiet = f.security("Portal Security", null).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.initial();
            assertThat(w.managed(quiet)).isNull();
            World.Cli set = World.gwb("writeback", "set", team, "--data", w.data.toString(), "--type",
                    "universalSecurityGroup");
            assertThat(set.exit()).as(set.err()).isZero();
            World.Cli on = World.gwb("writeback", "set", quiet, "--data", w.data.toString(), "--enabled", "true");
            assertThat(on.exit()).as(on.err()).isZero();

            JsonNode run = w.syncOk();
            assertThat(count(run, "creates")).isEqualTo(1);
            assertThat(count(run, "updates")).isEqualTo(1);
            assertThat(w.entry(defaultDn(team)).getAttributeValue("groupType")).isEqualTo("-2147483640");
            assertThat(w.entry(defaultDn(quiet)).getAttributeValue("groupType")).isEqualTo("-2147483640");

            World.Cli list = World.gwb("writeback", "list", "--data", w.data.toString(), "--json");
            assertThat(list.exit()).isZero();
            JsonNode byTeam = null;
            for (JsonNode n : list.json()) {
                if (n.path("id").asText().equals(team)) {
                    byTeam = n;
                }
            }
            assertThat(byTeam).isNotNull();
            assertThat(byTeam.path("onPremisesGroupType").asText()).isEqualTo("universalSecurityGroup");
            assertThat(byTeam.path("writtenBack").asBoolean()).isTrue();
            assertThat(World.dn(byTeam.path("adDn").asText())).isEqualTo(defaultDn(team));

            World.Cli bad = World.gwb("writeback", "set", team, "--data", w.data.toString(), "--type", "global");
            assertThat(bad.exit()).isEqualTo(2);
        }
    }

    @Test
    void aSecondCycleWhileOneRunsWaitsOrIsRefusedClearlyAndNothingIsDuplicated() throws Exception {
        World.Fixture f = new World.Fixture();
        String a = f.security("Parallel A", true).get("id").asText();
        String b = f.unified("Parallel B", null, null).get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.env.tenant().latency("groups/delta", Duration.ofSeconds(2));
            int before = w.env.tenant().requestCount();
            CompletableFuture<World.Cli> first = CompletableFuture.supplyAsync(() -> w.sync("--policy", "initial"));
            while (w.env.tenant().requestCount() == before && !first.isDone()) {
                Thread.sleep(20);
            }
            World.Cli second = w.sync("--policy", "initial");
            World.Cli one = first.get();
            w.env.tenant().clearFaults();
            assertThat(one.exit()).as(one.out() + one.err()).isZero();
            if (second.exit() != 0) {
                assertThat(second.exit()).isEqualTo(1);
                assertThat(second.err()).isNotBlank().doesNotContain("org.h2").doesNotContain("Exception");
            }
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).hasSize(2);
            assertThat(w.managed(a)).isNotNull();
            assertThat(w.managed(b)).isNotNull();
            assertThat(count(w.syncOk(), "creates")).isZero();
        }
    }
}
