package org.groupwriteback.engine.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    static CloudGroup group(String id, String name) {
        return new CloudGroup(id, name, "desc " + name, "nick" + id, null, List.of("Unified"), false, true, null,
                List.of("SMTP:" + id + "@x.test"), new WritebackConfiguration(true, "universalSecurityGroup"),
                Set.of(CloudMember.user("u1"), CloudMember.group("g9")), false);
    }

    @Test
    void migrationsRunOnceAndReopeningKeepsData() {
        try (StateStore s = StateStore.open(dir)) {
            assertThat(s.schemaVersions()).containsExactly(1, 2, 3);
            s.putSetting("k", "v");
        }
        try (StateStore s = StateStore.open(dir)) {
            assertThat(s.schemaVersions()).containsExactly(1, 2, 3);
            assertThat(s.setting("k")).contains("v");
        }
    }

    @Test
    void snapshotRoundTripWritesOnlyChangesAndDeletes() {
        try (StateStore s = StateStore.open(dir)) {
            CloudSnapshot snap = new CloudSnapshot();
            snap.putGroup(group("a", "Alpha"));
            snap.putGroup(group("b", "Beta"));
            snap.putUser(new CloudUser("u1", "S-1-5-21-1-2-3-1001", true));
            snap.putUser(new CloudUser("u2", null, null));
            snap.setGroupsDeltaLink("https://graph/delta?token=1");
            snap.setUnifiedWritebackDefault(false);
            s.saveSnapshot(snap);
            assertThat(snap.changedGroupIds()).isEmpty();

            snap.removeGroup("b");
            snap.putGroup(group("a", "Alpha renamed"));
            s.saveSnapshot(snap);
        }
        try (StateStore s = StateStore.open(dir)) {
            CloudSnapshot back = s.loadSnapshot();
            assertThat(back.groups()).containsOnlyKeys("a");
            assertThat(back.groups().get("a")).isEqualTo(group("a", "Alpha renamed"));
            assertThat(back.users()).containsOnlyKeys("u1", "u2");
            assertThat(back.users().get("u1").onPremisesSecurityIdentifier()).isEqualTo("S-1-5-21-1-2-3-1001");
            assertThat(back.users().get("u2").onPremisesSyncEnabled()).isNull();
            assertThat(back.groupsDeltaLink()).isEqualTo("https://graph/delta?token=1");
            assertThat(back.usersDeltaLink()).isNull();
            assertThat(back.unifiedWritebackDefault()).isFalse();
            assertThat(back.changedGroupIds()).isEmpty();
        }
    }

    @Test
    void aGroupTooLargeForAVarcharRoundTripsThroughTheLargeColumn() {
        java.util.Set<CloudMember> members = new java.util.HashSet<>();
        for (int i = 0; i < 30_000; i++) {
            members.add(CloudMember.user(UUID.nameUUIDFromBytes(Integer.toString(i).getBytes()).toString()));
        }
        CloudGroup big = group("big", "Big").withMembers(members);
        try (StateStore s = StateStore.open(dir)) {
            CloudSnapshot snap = new CloudSnapshot();
            snap.putGroup(big);
            snap.putGroup(group("small", "Small"));
            s.saveSnapshot(snap);
            CloudSnapshot back = s.loadSnapshot();
            assertThat(back.groups().get("big").members()).hasSize(30_000).isEqualTo(members);
            assertThat(back.groups().get("small")).isEqualTo(group("small", "Small"));
        }
    }

    @Test
    void secondOpenerIsRefusedWithPidAndDirectory() {
        try (StateStore s = StateStore.open(dir)) {
            assertThatThrownBy(() -> StateStore.open(dir))
                    .isInstanceOf(StateException.class)
                    .hasMessageContaining("another group-writeback engine (pid " + ProcessHandle.current().pid() + ")")
                    .hasMessageContaining(dir.toAbsolutePath().normalize().toString())
                    .hasMessageContaining("wait for it or stop it");
        }
        try (StateStore again = StateStore.open(dir)) {
            assertThat(again.anchors()).isEmpty();
        }
    }

    @Test
    void resultAndAnchorUpdateAreRecordedTogetherAndIntentsStayOpenUntilThen() {
        ObjectGuid guid = new ObjectGuid(UUID.randomUUID());
        try (StateStore s = StateStore.open(dir)) {
            long run = s.beginRun("DELTA", false, Instant.parse("2026-01-01T10:00:00Z"));
            s.recordIntent(run, 1, "create", "a", "CN=Group_a,OU=G,DC=x");
            assertThat(s.hasUnfinishedIntent("a", "create", run)).as("own run's intent does not count").isFalse();
            assertThat(s.hasUnfinishedIntent("a", "create", run + 1)).isTrue();
            s.recordResult(run, 1, "APPLIED", null, null, new AnchorUpdate.Put(
                    new Anchor("a", guid, Anchor.Origin.CREATED, "CN=Group_a,OU=G,DC=x", Instant.parse("2026-01-01T10:00:01Z"))));
            assertThat(s.hasUnfinishedIntent("a", "create", run + 1)).isFalse();
            assertThat(s.anchor("a")).get().extracting(Anchor::guid).isEqualTo(guid);
            assertThat(s.changes(run)).singleElement().extracting(ChangeRow::status).isEqualTo("APPLIED");

            s.recordIntent(run, 2, "delete", "a", "CN=Group_a,OU=G,DC=x");
            s.recordResult(run, 2, "APPLIED", null, null, new AnchorUpdate.Remove("a"));
            assertThat(s.anchors()).isEmpty();
            s.finishRun(run, Instant.parse("2026-01-01T10:00:02Z"), "SUCCESS", "{\"id\":1}");
            assertThat(s.lastRuns(5)).containsExactly("{\"id\":1}");
        }
    }

    @Test
    void runLeftRunningByADeadProcessIsMarkedInterrupted() {
        long id;
        try (StateStore s = StateStore.open(dir)) {
            id = s.beginRun("DELTA", false, Instant.now());
            assertThat(s.runStatus(id)).contains("RUNNING");
        }
        try (StateStore s = StateStore.open(dir)) {
            assertThat(s.runStatus(id)).contains("INTERRUPTED");
        }
    }

    @Test
    void releaseAllDropsEveryAnchor() {
        try (StateStore s = StateStore.open(dir)) {
            s.putAnchor(new Anchor("a", new ObjectGuid(UUID.randomUUID()), Anchor.Origin.CREATED, "CN=a", Instant.now()));
            s.putAnchor(new Anchor("b", new ObjectGuid(UUID.randomUUID()), Anchor.Origin.ADOPTED, "CN=b", Instant.now()));
            assertThat(s.releaseAll()).isEqualTo(2);
            assertThat(s.anchors()).isEmpty();
        }
    }
}
