package org.groupwriteback.engine.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies one import round of partial objects (delta items, deleted-items entries, writeback reads) onto the
 * previous {@link CloudSnapshot}. Changes are collected first and written by {@link #applyTo} only, so a round
 * that fails half-way leaves the snapshot as it was. Pure: no Graph calls.
 */
final class SnapshotMerge {

    /** The group properties a delta item may carry; absent = unchanged, present with null = cleared. */
    enum GroupProperty {
        DISPLAY_NAME("displayName"), DESCRIPTION("description"), MAIL_NICKNAME("mailNickname"), MAIL("mail"),
        GROUP_TYPES("groupTypes"), SECURITY_ENABLED("securityEnabled"), MAIL_ENABLED("mailEnabled"),
        ON_PREMISES_SYNC_ENABLED("onPremisesSyncEnabled"), PROXY_ADDRESSES("proxyAddresses");

        private final String graphName;

        GroupProperty(String graphName) {
            this.graphName = graphName;
        }

        /** The property's name in Graph's JSON. */
        String graphName() {
            return graphName;
        }
    }

    /** How a delta item says a group went away: {@code @removed} reason {@code changed} (SOFT) or {@code deleted}. */
    enum Removal {
        NONE, SOFT, PERMANENT
    }

    /** One {@code members@delta} entry: a member added, or removed (any kind with that id). */
    record MemberChange(CloudMember member, boolean removed) {
    }

    /** One group delta item: the properties it carries (values may be null = cleared) and member changes. */
    record GroupChange(String id, Removal removal, Map<GroupProperty, Object> properties, List<MemberChange> members) {
        GroupChange {
            Objects.requireNonNull(id, "id");
            removal = removal == null ? Removal.NONE : removal;
            properties = properties == null || properties.isEmpty() ? Map.of()
                    : Collections.unmodifiableMap(new EnumMap<>(properties));
            members = members == null ? List.of() : List.copyOf(members);
        }
    }

    /** One user delta item: removed, or the properties it carries ({@code sent*} false = unchanged). */
    record UserChange(String id, boolean removed, boolean sentSid, String sid, boolean sentSyncEnabled,
            Boolean syncEnabled) {
        UserChange {
            Objects.requireNonNull(id, "id");
        }
    }

    /** What {@link #applyTo} changed in the snapshot. */
    record Counts(int groupsChanged, int groupsSoftDeleted, int groupsDeleted, int usersChanged) {
    }

    private final CloudSnapshot snapshot;
    private final boolean full;
    private final Map<String, GroupWork> groups = new LinkedHashMap<>();
    private final Map<String, CloudUser> users = new LinkedHashMap<>();
    private final Set<String> removedUsers = new LinkedHashSet<>();

    /** A round onto {@code snapshot}; a {@code full} round rebuilds every group and drops what it did not see. */
    SnapshotMerge(CloudSnapshot snapshot, boolean full) {
        this.snapshot = snapshot;
        this.full = full;
    }

    /** Merges one group delta item (a group may appear on several pages). */
    void group(GroupChange change) {
        GroupWork w = groups.computeIfAbsent(change.id(), this::start);
        mergeInto(w, change);
    }

    private GroupWork start(String id) {
        CloudGroup previous = snapshot.groups().get(id);
        if (!full) {
            return previous == null ? new GroupWork(id) : GroupWork.of(previous);
        }
        // A full round rebuilds each group from nothing, but keeps what only /beta knows until it is re-read.
        GroupWork w = new GroupWork(id);
        w.writeback = previous == null ? null : previous.writeback();
        return w;
    }

    private static void mergeInto(GroupWork w, GroupChange change) {
        if (change.removal() != Removal.NONE) {
            if (change.removal() == Removal.PERMANENT) {
                w.deleted = true;
            } else {
                w.softDeleted = true;
            }
            return;
        }
        w.seen = true;
        w.deleted = false;
        w.softDeleted = false;
        change.properties().forEach((property, value) -> w.set(property, value));
        for (MemberChange m : change.members()) {
            if (m.removed()) {
                for (CloudMember.Kind k : CloudMember.Kind.values()) {
                    w.members.remove(new CloudMember(m.member().id(), k));
                }
            } else {
                w.members.add(m.member());
            }
        }
    }

    /**
     * A soft-deleted group from deleted items (a full delta does not list them): keeps it flagged. Groups the
     * delta already reported are left as the delta said.
     */
    void softDeletedGroup(GroupChange item) {
        if (groups.containsKey(item.id())) {
            return;
        }
        CloudGroup previous = snapshot.groups().get(item.id());
        GroupWork w = previous == null ? new GroupWork(item.id()) : GroupWork.of(previous);
        if (previous == null) {
            mergeInto(w, new GroupChange(item.id(), Removal.NONE, item.properties(), item.members()));
        }
        w.softDeleted = true;
        w.seen = true;
        groups.put(item.id(), w);
    }

    /** Merges one user delta item. */
    void user(UserChange change) {
        String id = change.id();
        if (change.removed()) {
            users.remove(id);
            removedUsers.add(id);
            return;
        }
        removedUsers.remove(id);
        CloudUser previous = users.containsKey(id) ? users.get(id) : full ? null : snapshot.users().get(id);
        String sid = change.sentSid() ? change.sid()
                : previous == null ? null : previous.onPremisesSecurityIdentifier();
        Boolean synced = change.sentSyncEnabled() ? change.syncEnabled()
                : previous == null ? null : previous.onPremisesSyncEnabled();
        users.put(id, new CloudUser(id, sid, synced));
    }

    /** Ids of the groups this round saw that still exist (not deleted, not soft-deleted): their writeback matters. */
    List<String> liveGroupIds() {
        List<String> ids = new ArrayList<>();
        for (GroupWork w : groups.values()) {
            if (!w.deleted && !w.softDeleted) {
                ids.add(w.id);
            }
        }
        return ids;
    }

    /** How many groups the round mentioned (new, changed or removed). */
    int groupsSeen() {
        return groups.size();
    }

    /** Sets one group's writeback as read from {@code /beta}. */
    void writeback(String id, WritebackConfiguration writeback) {
        GroupWork w = groups.get(id);
        if (w != null) {
            w.writeback = writeback;
        }
    }

    /**
     * Applies a sweep of every group's writeback: to the groups of this round, and (in a delta round) to the
     * snapshot's groups the delta did not mention but whose writeback changed.
     */
    void writebackSweep(Map<String, WritebackConfiguration> all) {
        for (String id : liveGroupIds()) {
            WritebackConfiguration wb = all.get(id);
            if (wb != null) {
                groups.get(id).writeback = wb;
            }
        }
        if (full) {
            return;
        }
        for (CloudGroup g : snapshot.groups().values()) {
            WritebackConfiguration wb = all.get(g.id());
            if (!groups.containsKey(g.id()) && !g.softDeleted() && wb != null && !wb.equals(g.writeback())) {
                GroupWork w = GroupWork.of(g);
                w.writeback = wb;
                w.seen = true;
                groups.put(g.id(), w);
            }
        }
    }

    /** Writes the round into the snapshot, with the new delta links and tenant default. */
    Counts applyTo(String groupsDeltaLink, String usersDeltaLink, boolean unifiedDefault) {
        int changed = 0;
        int softDeleted = 0;
        int deleted = 0;
        for (GroupWork w : groups.values()) {
            CloudGroup previous = snapshot.groups().get(w.id);
            if (w.deleted || (!w.seen && previous == null)) {
                if (previous != null) {
                    snapshot.removeGroup(w.id);
                    deleted++;
                }
                continue;
            }
            CloudGroup group = w.build();
            if (!group.equals(previous)) {
                snapshot.putGroup(group);
                if (group.softDeleted() && (previous == null || !previous.softDeleted())) {
                    softDeleted++;
                } else {
                    changed++;
                }
            }
        }
        if (full) {
            for (String id : new ArrayList<>(snapshot.groups().keySet())) {
                if (!groups.containsKey(id)) {
                    snapshot.removeGroup(id);
                    deleted++;
                }
            }
        }
        int usersChanged = 0;
        for (CloudUser u : users.values()) {
            if (!u.equals(snapshot.users().get(u.id()))) {
                snapshot.putUser(u);
                usersChanged++;
            }
        }
        for (String id : removedUsers) {
            if (snapshot.users().containsKey(id)) {
                snapshot.removeUser(id);
                usersChanged++;
            }
        }
        if (full) {
            for (String id : new ArrayList<>(snapshot.users().keySet())) {
                if (!users.containsKey(id)) {
                    snapshot.removeUser(id);
                    usersChanged++;
                }
            }
        }
        snapshot.setGroupsDeltaLink(groupsDeltaLink);
        snapshot.setUsersDeltaLink(usersDeltaLink);
        snapshot.setUnifiedWritebackDefault(unifiedDefault);
        return new Counts(changed, softDeleted, deleted, usersChanged);
    }

    /** A group being assembled from delta items (which may repeat it across pages). */
    private static final class GroupWork {
        final String id;
        String displayName;
        String description;
        String mailNickname;
        String mail;
        List<String> groupTypes;
        boolean securityEnabled;
        boolean mailEnabled;
        Boolean onPremisesSyncEnabled;
        List<String> proxyAddresses;
        WritebackConfiguration writeback;
        LinkedHashSet<CloudMember> members = new LinkedHashSet<>();
        boolean softDeleted;
        boolean deleted;
        boolean seen;

        GroupWork(String id) {
            this.id = id;
        }

        static GroupWork of(CloudGroup g) {
            GroupWork w = new GroupWork(g.id());
            w.displayName = g.displayName();
            w.description = g.description();
            w.mailNickname = g.mailNickname();
            w.mail = g.mail();
            w.groupTypes = g.groupTypes();
            w.securityEnabled = g.securityEnabled();
            w.mailEnabled = g.mailEnabled();
            w.onPremisesSyncEnabled = g.onPremisesSyncEnabled();
            w.proxyAddresses = g.proxyAddresses();
            w.writeback = g.writeback();
            w.members = new LinkedHashSet<>(g.members());
            w.softDeleted = g.softDeleted();
            return w;
        }

        @SuppressWarnings("unchecked")
        void set(GroupProperty property, Object value) {
            switch (property) {
                case DISPLAY_NAME -> displayName = (String) value;
                case DESCRIPTION -> description = (String) value;
                case MAIL_NICKNAME -> mailNickname = (String) value;
                case MAIL -> mail = (String) value;
                case GROUP_TYPES -> groupTypes = (List<String>) value;
                case SECURITY_ENABLED -> securityEnabled = Boolean.TRUE.equals(value);
                case MAIL_ENABLED -> mailEnabled = Boolean.TRUE.equals(value);
                case ON_PREMISES_SYNC_ENABLED -> onPremisesSyncEnabled = (Boolean) value;
                case PROXY_ADDRESSES -> proxyAddresses = (List<String>) value;
            }
        }

        CloudGroup build() {
            return new CloudGroup(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled,
                    mailEnabled, onPremisesSyncEnabled, proxyAddresses, writeback, members, softDeleted);
        }
    }
}
