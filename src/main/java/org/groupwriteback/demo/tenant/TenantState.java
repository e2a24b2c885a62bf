package org.groupwriteback.demo.tenant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The emulated directory: users and groups with a change sequence number on every change, so delta
 * queries can answer "what changed after sequence N". Every handler reads and changes it while holding
 * its monitor ({@code synchronized (state)}).
 */
final class TenantState {
    long seq;
    /** Bumped to invalidate every delta and skip token handed out so far. */
    int epoch;
    Boolean unifiedWritebackDefault;
    /** Whether a writebackConfiguration change makes the group show up in v1.0 group delta. */
    boolean writebackChangesInV1Delta = true;
    final String tenantId;
    final String displayName;
    final String defaultDomain;
    final Map<String, UserEntry> users = new LinkedHashMap<>();
    final Map<String, GroupEntry> groups = new LinkedHashMap<>();

    TenantState(String tenantId, String displayName, String defaultDomain) {
        this.tenantId = tenantId;
        this.displayName = displayName;
        this.defaultDomain = defaultDomain;
    }

    long next() {
        return ++seq;
    }

    /** A user; {@code deletedSeq} > 0 once deleted (kept as a tombstone for delta). */
    static final class UserEntry {
        final String id;
        String displayName;
        String userPrincipalName;
        String mail;
        Boolean onPremisesSyncEnabled;
        String onPremisesSecurityIdentifier;
        String onPremisesDistinguishedName;
        String onPremisesSamAccountName;
        long changedSeq;
        long deletedSeq;

        UserEntry(String id) {
            this.id = id;
        }

        boolean alive() {
            return deletedSeq == 0;
        }
    }

    /** A member change of a group at a sequence number. */
    record MemberEvent(long seq, String memberId, boolean added) {
    }

    /** A group with its members and the sequence numbers of its last changes. */
    static final class GroupEntry {
        final String id;
        String displayName;
        String description;
        String mailNickname;
        String mail;
        List<String> groupTypes = List.of();
        boolean securityEnabled;
        boolean mailEnabled;
        Boolean onPremisesSyncEnabled;
        List<String> proxyAddresses = List.of();
        Boolean writebackEnabled;
        String writebackGroupType;
        final LinkedHashSet<String> members = new LinkedHashSet<>();
        final List<MemberEvent> memberEvents = new ArrayList<>();
        long createdSeq;
        long propsSeq;
        long membersSeq;
        /** When the member list must be sent whole (creation, restore). */
        long fullMembersSeq;
        long softDeletedSeq;
        boolean softDeleted;
        long hardDeletedSeq;

        GroupEntry(String id) {
            this.id = id;
        }

        boolean visible() {
            return !softDeleted && hardDeletedSeq == 0;
        }

        boolean isUnified() {
            return groupTypes.stream().anyMatch("Unified"::equalsIgnoreCase);
        }

        /** Net member changes after {@code since}: member id -> added (true) or removed (false). */
        Map<String, Boolean> memberChangesSince(long since) {
            int lo = 0;
            int hi = memberEvents.size();
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (memberEvents.get(mid).seq() <= since) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            Map<String, Boolean> net = new LinkedHashMap<>();
            for (int i = lo; i < memberEvents.size(); i++) {
                MemberEvent e = memberEvents.get(i);
                net.put(e.memberId(), e.added());
            }
            // Only report what actually differs now (add then remove of a new member is no change to report
            // as an add; a remove is still reported, which a consumer treats as idempotent).
            Map<String, Boolean> result = new LinkedHashMap<>();
            net.forEach((id, added) -> {
                if (added == members.contains(id)) {
                    result.put(id, added);
                }
            });
            return result;
        }
    }

    /** Sets a group's beta writebackConfiguration; 400-worthy IllegalArgumentException for an unknown type. */
    void setWriteback(GroupEntry g, Boolean isEnabled, String onPremisesGroupType) {
        if (onPremisesGroupType != null && !TenantFixture.ON_PREMISES_GROUP_TYPES.contains(onPremisesGroupType)) {
            throw new IllegalArgumentException("onPremisesGroupType must be one of "
                    + TenantFixture.ON_PREMISES_GROUP_TYPES);
        }
        g.writebackEnabled = isEnabled;
        g.writebackGroupType = onPremisesGroupType;
        long at = next();
        if (writebackChangesInV1Delta) {
            g.propsSeq = at;
        }
    }

    /** A visible group (not soft- or hard-deleted), or null. */
    GroupEntry visibleGroup(String id) {
        GroupEntry g = groups.get(id.toLowerCase());
        return g == null || !g.visible() ? null : g;
    }

    /** A user that is not deleted, or null. */
    UserEntry aliveUser(String id) {
        UserEntry u = users.get(id.toLowerCase());
        return u == null || !u.alive() ? null : u;
    }

    /** The {@code @odata.type} of a member id. */
    String odataType(String id) {
        if (groups.containsKey(id)) {
            return "#microsoft.graph.group";
        }
        return "#microsoft.graph.user";
    }

    List<GroupEntry> visibleGroups() {
        List<GroupEntry> list = new ArrayList<>();
        for (GroupEntry g : groups.values()) {
            if (g.visible()) {
                list.add(g);
            }
        }
        return list;
    }

    List<UserEntry> aliveUsers() {
        List<UserEntry> list = new ArrayList<>(users.size());
        for (UserEntry u : users.values()) {
            if (u.alive()) {
                list.add(u);
            }
        }
        return list;
    }

    /** Removes {@code memberId} from every group (it was deleted), logging the member events. */
    void removeFromAllGroups(String memberId, long at) {
        for (GroupEntry g : groups.values()) {
            if (g.members.remove(memberId)) {
                g.memberEvents.add(new MemberEvent(at, memberId, false));
                g.membersSeq = at;
            }
        }
    }

    static <T> List<T> page(List<T> all, int offset, int size) {
        if (offset >= all.size()) {
            return Collections.emptyList();
        }
        return all.subList(offset, Math.min(all.size(), offset + size));
    }
}
