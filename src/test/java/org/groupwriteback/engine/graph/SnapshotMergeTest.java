package org.groupwriteback.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.groupwriteback.engine.graph.SnapshotMerge.Counts;
import org.groupwriteback.engine.graph.SnapshotMerge.GroupChange;
import org.groupwriteback.engine.graph.SnapshotMerge.GroupProperty;
import org.groupwriteback.engine.graph.SnapshotMerge.MemberChange;
import org.groupwriteback.engine.graph.SnapshotMerge.Removal;
import org.groupwriteback.engine.graph.SnapshotMerge.UserChange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The snapshot merge on its own: delta items applied onto a previous snapshot, no Graph involved. */
class SnapshotMergeTest {
    static final String G = "b0000000-0000-0000-0000-000000000001";
    static final String G2 = "b0000000-0000-0000-0000-000000000002";
    static final String U1 = "a0000000-0000-0000-0000-000000000001";
    static final String U2 = "a0000000-0000-0000-0000-000000000002";
    static final WritebackConfiguration ENABLED = new WritebackConfiguration(true, "universalSecurityGroup");

    static CloudGroup sales() {
        return new CloudGroup(G, "Sales", "Sales team", "sales", "sales@fabrikam.com", List.of("Unified"), false, true,
                null, List.of("SMTP:sales@fabrikam.com"), ENABLED, Set.of(CloudMember.user(U1)), false);
    }

    static CloudSnapshot previous() {
        CloudSnapshot snapshot = new CloudSnapshot();
        snapshot.putGroup(sales());
        snapshot.putUser(new CloudUser(U1, "S-1-5-21-1-2-3-1101", true));
        snapshot.setGroupsDeltaLink("old-groups");
        snapshot.setUsersDeltaLink("old-users");
        snapshot.clearChanges();
        return snapshot;
    }

    static GroupChange change(String id, Map<GroupProperty, Object> properties, MemberChange... members) {
        return new GroupChange(id, Removal.NONE, properties, List.of(members));
    }

    static Map<GroupProperty, Object> props(Object... pairs) {
        Map<GroupProperty, Object> map = new EnumMap<>(GroupProperty.class);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((GroupProperty) pairs[i], pairs[i + 1]);
        }
        return map;
    }

    /** A delta round with one item for the existing group: the expected group afterwards and the counts. */
    static Stream<Arguments> deltaItems() {
        CloudGroup s = sales();
        return Stream.of(
                Arguments.of("rename keeps the other properties",
                        change(G, props(GroupProperty.DISPLAY_NAME, "Sales EMEA")),
                        new CloudGroup(G, "Sales EMEA", s.description(), s.mailNickname(), s.mail(), s.groupTypes(),
                                false, true, null, s.proxyAddresses(), ENABLED, s.members(), false),
                        new Counts(1, 0, 0, 0)),
                Arguments.of("a property sent as null is cleared",
                        change(G, props(GroupProperty.DESCRIPTION, null, GroupProperty.MAIL, null)),
                        new CloudGroup(G, "Sales", null, "sales", null, s.groupTypes(), false, true, null,
                                s.proxyAddresses(), ENABLED, s.members(), false),
                        new Counts(1, 0, 0, 0)),
                Arguments.of("members@delta adds a user and a nested group",
                        change(G, props(), new MemberChange(CloudMember.user(U2), false),
                                new MemberChange(CloudMember.group(G2), false)),
                        s.withMembers(Set.of(CloudMember.user(U1), CloudMember.user(U2), CloudMember.group(G2))),
                        new Counts(1, 0, 0, 0)),
                Arguments.of("members@delta removes whatever kind had that id",
                        change(G, props(), new MemberChange(new CloudMember(U1, CloudMember.Kind.OTHER), true)),
                        s.withMembers(Set.of()), new Counts(1, 0, 0, 0)),
                Arguments.of("add then remove of the same member across pages leaves it out",
                        change(G, props(), new MemberChange(CloudMember.user(U2), false),
                                new MemberChange(CloudMember.user(U2), true)),
                        s, new Counts(0, 0, 0, 0)),
                Arguments.of("an item that changes nothing counts nothing",
                        change(G, props(GroupProperty.DISPLAY_NAME, "Sales")), s, new Counts(0, 0, 0, 0)),
                Arguments.of("@removed reason changed = soft delete, group kept and flagged",
                        new GroupChange(G, Removal.SOFT, null, null), s.withSoftDeleted(true), new Counts(0, 1, 0, 0)),
                Arguments.of("@removed reason deleted = permanent delete, group removed",
                        new GroupChange(G, Removal.PERMANENT, null, null), null, new Counts(0, 0, 1, 0)),
                Arguments.of("booleans sent as null read as false",
                        change(G, props(GroupProperty.MAIL_ENABLED, null, GroupProperty.SECURITY_ENABLED, true,
                                GroupProperty.ON_PREMISES_SYNC_ENABLED, false)),
                        new CloudGroup(G, "Sales", s.description(), s.mailNickname(), s.mail(), s.groupTypes(),
                                true, false, false, s.proxyAddresses(), ENABLED, s.members(), false),
                        new Counts(1, 0, 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deltaItems")
    void deltaItemOntoPreviousSnapshot(String name, GroupChange item, CloudGroup expected, Counts counts) {
        CloudSnapshot snapshot = previous();
        SnapshotMerge merge = new SnapshotMerge(snapshot, false);
        merge.group(item);
        assertThat(merge.applyTo("new-groups", "new-users", true)).isEqualTo(counts);
        assertThat(snapshot.groups().get(G)).isEqualTo(expected);
        assertThat(snapshot.changedGroupIds()).isEqualTo(counts.equals(new Counts(0, 0, 0, 0)) ? Set.of() : Set.of(G));
        assertThat(snapshot.groupsDeltaLink()).isEqualTo("new-groups");
    }

    @Test
    void softDeletedGroupComesBackWhenTheDeltaShowsItAgain() {
        CloudSnapshot snapshot = previous();
        snapshot.putGroup(sales().withSoftDeleted(true));
        SnapshotMerge merge = new SnapshotMerge(snapshot, false);
        merge.group(change(G, props(GroupProperty.DISPLAY_NAME, "Sales")));
        assertThat(merge.applyTo("g", "u", true)).isEqualTo(new Counts(1, 0, 0, 0));
        assertThat(snapshot.groups().get(G).softDeleted()).isFalse();
    }

    @Test
    void removalOfAGroupNeverSeenLeavesNoTrace() {
        CloudSnapshot snapshot = previous();
        SnapshotMerge merge = new SnapshotMerge(snapshot, false);
        merge.group(new GroupChange(G2, Removal.PERMANENT, null, null));
        merge.group(new GroupChange("b0000000-0000-0000-0000-000000000009", Removal.SOFT, null, null));
        assertThat(merge.applyTo("g", "u", true)).isEqualTo(new Counts(0, 0, 0, 0));
        assertThat(snapshot.groups()).containsOnlyKeys(G);
    }

    @Test
    void fullRoundRebuildsGroupsKeepsWritebackUntilReReadAndDropsWhatVanished() {
        CloudSnapshot snapshot = previous();
        snapshot.putGroup(sales().withSoftDeleted(false).withMembers(Set.of()).withWriteback(ENABLED));
        CloudGroup gone = new CloudGroup(G2, "Gone", null, null, null, null, true, false, null, null, null, null,
                false);
        snapshot.putGroup(gone);
        snapshot.putUser(new CloudUser(U2, null, null));
        snapshot.clearChanges();
        SnapshotMerge merge = new SnapshotMerge(snapshot, true);
        merge.group(change(G, props(GroupProperty.DISPLAY_NAME, "Sales")));
        merge.user(new UserChange(U1, false, true, "S-1-5-21-1-2-3-1101", true, true));
        Counts counts = merge.applyTo("g", "u", false);
        CloudGroup rebuilt = snapshot.groups().get(G);
        // Only what the full delta sent is kept, except the beta writeback that is not re-read yet.
        assertThat(rebuilt).isEqualTo(new CloudGroup(G, "Sales", null, null, null, null, false, false, null, null,
                ENABLED, null, false));
        assertThat(snapshot.groups()).containsOnlyKeys(G);
        assertThat(snapshot.users()).containsOnlyKeys(U1);
        assertThat(counts).isEqualTo(new Counts(1, 0, 1, 1));
        assertThat(snapshot.unifiedWritebackDefault()).isFalse();
    }

    @Test
    void fullRoundKeepsSoftDeletedGroupsFromDeletedItems() {
        CloudSnapshot snapshot = previous();
        SnapshotMerge merge = new SnapshotMerge(snapshot, true);
        merge.softDeletedGroup(change(G, props(GroupProperty.DISPLAY_NAME, "ignored: known group keeps its data")));
        merge.softDeletedGroup(change(G2, props(GroupProperty.DISPLAY_NAME, "Restorable")));
        Counts counts = merge.applyTo("g", "u", true);
        assertThat(snapshot.groups().get(G)).isEqualTo(sales().withSoftDeleted(true));
        assertThat(snapshot.groups().get(G2).displayName()).isEqualTo("Restorable");
        assertThat(snapshot.groups().get(G2).softDeleted()).isTrue();
        assertThat(counts.groupsSoftDeleted()).isEqualTo(2);
    }

    @Test
    void deltaItemWinsOverTheDeletedItemsList() {
        SnapshotMerge merge = new SnapshotMerge(previous(), true);
        merge.group(change(G, props(GroupProperty.DISPLAY_NAME, "Sales")));
        merge.softDeletedGroup(change(G, props()));
        assertThat(merge.liveGroupIds()).containsExactly(G);
    }

    /** User delta items: sent properties replace, unsent ones keep, removals remove. */
    static Stream<Arguments> userItems() {
        return Stream.of(
                Arguments.of("new synced user", List.of(new UserChange(U2, false, true, "S-1-5-21-9", true, true)),
                        Map.of(U1, new CloudUser(U1, "S-1-5-21-1-2-3-1101", true),
                                U2, new CloudUser(U2, "S-1-5-21-9", true)), 1),
                Arguments.of("only sync flag sent: SID kept", List.of(new UserChange(U1, false, false, null, true,
                        false)), Map.of(U1, new CloudUser(U1, "S-1-5-21-1-2-3-1101", false)), 1),
                Arguments.of("SID sent as null: cleared", List.of(new UserChange(U1, false, true, null, false, null)),
                        Map.of(U1, new CloudUser(U1, null, true)), 1),
                Arguments.of("removed", List.of(new UserChange(U1, true, false, null, false, null)), Map.of(), 1),
                Arguments.of("removed then back on a later page",
                        List.of(new UserChange(U1, true, false, null, false, null),
                                new UserChange(U1, false, false, null, true, true)),
                        Map.of(U1, new CloudUser(U1, "S-1-5-21-1-2-3-1101", true)), 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userItems")
    void userItemsOntoPreviousSnapshot(String name, List<UserChange> items, Map<String, CloudUser> expected,
            int changed) {
        CloudSnapshot snapshot = previous();
        SnapshotMerge merge = new SnapshotMerge(snapshot, false);
        items.forEach(merge::user);
        assertThat(merge.applyTo("g", "u", true).usersChanged()).isEqualTo(changed);
        assertThat(snapshot.users()).isEqualTo(expected);
    }

    @Test
    void writebackSweepUpdatesGroupsTheDeltaDidNotMention() {
        CloudSnapshot snapshot = previous();
        SnapshotMerge merge = new SnapshotMerge(snapshot, false);
        WritebackConfiguration off = new WritebackConfiguration(false, null);
        merge.writebackSweep(Map.of(G, off));
        assertThat(merge.liveGroupIds()).containsExactly(G);
        assertThat(merge.applyTo("g", "u", true)).isEqualTo(new Counts(1, 0, 0, 0));
        assertThat(snapshot.groups().get(G)).isEqualTo(sales().withWriteback(off));
    }

    @Test
    void unchangedWritebackInASweepIsNoChange() {
        CloudSnapshot snapshot = previous();
        SnapshotMerge merge = new SnapshotMerge(snapshot, false);
        merge.writebackSweep(Map.of(G, ENABLED));
        assertThat(merge.groupsSeen()).isZero();
        assertThat(merge.applyTo("g", "u", true)).isEqualTo(new Counts(0, 0, 0, 0));
    }

    @Test
    void perGroupWritebackReadAppliesToTheChangedGroup() {
        CloudSnapshot snapshot = previous();
        SnapshotMerge merge = new SnapshotMerge(snapshot, false);
        merge.group(change(G, props(GroupProperty.DISPLAY_NAME, "Sales EMEA")));
        merge.writeback(G, WritebackConfiguration.UNSET);
        merge.writeback(G2, ENABLED);
        merge.applyTo("g", "u", true);
        assertThat(snapshot.groups().get(G).writeback()).isEqualTo(WritebackConfiguration.UNSET);
        assertThat(snapshot.groups()).doesNotContainKey(G2);
    }

    @Test
    void nothingIsWrittenBeforeApply() {
        CloudSnapshot snapshot = previous();
        SnapshotMerge merge = new SnapshotMerge(snapshot, true);
        merge.group(new GroupChange(G, Removal.PERMANENT, null, null));
        merge.user(new UserChange(U1, true, false, null, false, null));
        assertThat(snapshot.groups()).containsOnlyKeys(G);
        assertThat(snapshot.users()).containsOnlyKeys(U1);
        assertThat(snapshot.groupsDeltaLink()).isEqualTo("old-groups");
        assertThat(snapshot.changedGroupIds()).isEmpty();
    }
}
