package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudException;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.state.Anchor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineTest {
    @TempDir
    Path dir;
    final FakeCloud cloud = new FakeCloud();
    final FakeDirectory ad = new FakeDirectory();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:15:00Z"), ZoneOffset.UTC);

    Connectors connectors() {
        return new Connectors() {
            @Override
            public CloudSource cloud(SyncConfiguration config, Path dataDir) {
                return cloud;
            }

            @Override
            public Directory directory(SyncConfiguration config, Path dataDir) {
                return ad;
            }
        };
    }

    Engine open(ConfigSource config) {
        return Engine.open(dir, config, connectors(), SimplePlanner::plan, clock);
    }

    @Test
    void releaseAllKeepsTheGroupsInAdAndStopsManagingThem() throws Exception {
        cloud.group(FakeCloud.security("a", "Sales", CloudMember.group("b"))).group(FakeCloud.security("b", "Sales EU"));
        try (Engine engine = open(() -> SyncCycleTest.config(500))) {
            assertThat(engine.sync(new SyncCycle.Request(Policy.DELTA, false, 0, false), "test").status())
                    .isEqualTo(RunStatus.SUCCESS);
            assertThat(engine.managedGroups()).extracting(ManagedGroup::displayName).containsExactly("Sales", "Sales EU");
            assertThat(engine.managedGroups()).extracting(ManagedGroup::origin).containsOnly(Anchor.Origin.CREATED);

            assertThat(engine.releaseAll()).isEqualTo(2);

            assertThat(engine.managedGroups()).isEmpty();
            assertThat(ad.entries).hasSize(2);
            // released groups are foreign now: a group deleted in the cloud no longer deletes its AD group
            cloud.groups.remove("b");
            ad.writes.clear();
            engine.sync(new SyncCycle.Request(Policy.DELTA, false, 0, false), "test");
            assertThat(ad.writes).noneMatch(w -> w.startsWith("delete"));
        }
    }

    @Test
    void anUnusableConfigurationOrConnectionGivesAFailedRunRecord() {
        try (Engine engine = open(() -> {
            throw new ConfigurationException("groupWriteback.targetOu", "is not inside the OU filter");
        })) {
            RunRecord r = engine.sync(new SyncCycle.Request(Policy.DELTA, false, 0, false), "test");
            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
            assertThat(r.message()).contains("groupWriteback.targetOu: is not inside the OU filter");
            assertThat(engine.lastRuns(5)).containsExactly(r);
        } catch (CycleBusyException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSecondEngineOnTheSameDataDirectoryIsRefused() {
        try (Engine engine = open(() -> SyncCycleTest.config(500))) {
            assertThatThrownBy(() -> open(() -> SyncCycleTest.config(500)))
                    .hasMessageContaining("another group-writeback engine (pid");
        }
    }

    @Test
    void aRequestedFullImportIsHonouredOnce() throws Exception {
        cloud.group(FakeCloud.security("a", "Sales"));
        try (Engine engine = open(() -> SyncCycleTest.config(500))) {
            SyncCycle.Request delta = new SyncCycle.Request(Policy.DELTA, false, 0, false);
            engine.sync(delta, "test");
            engine.requestFullImport("group writeback was disabled in the wizard");
            RunRecord full = engine.sync(delta, "test");
            engine.sync(delta, "test");
            assertThat(cloud.imports).containsExactly(true, true, false);
            assertThat(full.importReport().fullImportReason()).contains("disabled in the wizard");
        }
    }

    @Test
    void failingToConnectIsAFailedRunNotAnException() throws Exception {
        Connectors broken = new Connectors() {
            @Override
            public CloudSource cloud(SyncConfiguration config, Path dataDir) throws CloudException {
                throw new CloudException("authority https://login.test/t unreachable: connection refused");
            }

            @Override
            public Directory directory(SyncConfiguration config, Path dataDir) {
                return ad;
            }
        };
        try (Engine engine = Engine.open(dir, () -> SyncCycleTest.config(500), broken, SimplePlanner::plan, clock)) {
            RunRecord r = engine.sync(new SyncCycle.Request(Policy.DELTA, false, 0, false), "test");
            assertThat(r.status()).isEqualTo(RunStatus.FAILED);
            assertThat(r.message()).startsWith("cannot connect to Entra ID").contains("connection refused");
        }
    }
}
