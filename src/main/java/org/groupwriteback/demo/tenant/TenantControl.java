package org.groupwriteback.demo.tenant;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.groupwriteback.demo.tenant.TenantState.GroupEntry;
import org.groupwriteback.demo.tenant.TenantState.MemberEvent;
import org.groupwriteback.demo.tenant.TenantState.UserEntry;
import org.groupwriteback.engine.graph.WritebackConfiguration;

/**
 * The control API behind {@link TenantEmulator}'s Java methods and the {@code /_admin} HTTP API: loads a
 * fixture and changes the tenant between cycles, each change stamped with the next sequence number.
 */
final class TenantControl {
    private final TenantState state;

    TenantControl(TenantState state) {
        this.state = state;
    }

    String defaultDomain() {
        return state.defaultDomain;
    }

    void load(TenantFixture fixture) {
        synchronized (state) {
            state.unifiedWritebackDefault = fixture.newUnifiedGroupWritebackDefault();
            for (TenantFixture.User u : fixture.users()) {
                putUser(u, 0);
            }
            for (GeneratedUsers.GeneratedUser gu : fixture.generatedUsers()) {
                UserEntry u = new UserEntry(gu.id());
                u.displayName = gu.displayName();
                u.userPrincipalName = gu.userPrincipalName();
                u.onPremisesSyncEnabled = true;
                u.onPremisesSecurityIdentifier = gu.sid();
                u.onPremisesSamAccountName = gu.samAccountName();
                state.users.put(u.id, u);
            }
            Map<String, List<GeneratedUsers.GeneratedUser>> generated = fixture.generatedUsersByPrefix();
            for (TenantFixture.Group g : fixture.groups()) {
                putGroup(g, 0);
            }
            for (TenantFixture.Group g : fixture.groups()) {
                GroupEntry entry = state.groups.get(g.id());
                entry.members.addAll(g.members());
                if (g.membersGenerated() != null) {
                    List<GeneratedUsers.GeneratedUser> block = generated.get(g.membersGenerated().prefix());
                    for (int i = 0; i < g.membersGenerated().count(); i++) {
                        entry.members.add(block.get(i).id());
                    }
                }
            }
        }
    }

    void addUser(TenantFixture.User user) {
        synchronized (state) {
            putUser(user, state.next());
        }
    }

    void deleteUser(String id) {
        synchronized (state) {
            UserEntry u = user(id);
            long at = state.next();
            u.deletedSeq = at;
            state.removeFromAllGroups(id, at);
        }
    }

    void createGroup(TenantFixture.Group group) {
        synchronized (state) {
            if (state.groups.containsKey(group.id().toLowerCase()) || state.users.containsKey(group.id().toLowerCase())) {
                throw new IllegalArgumentException("Id " + group.id() + " is already used");
            }
            group.members().forEach(this::requireMember);
            GroupEntry g = putGroup(group, state.next());
            g.members.addAll(group.members());
        }
    }

    String createGroup(String displayName, String mailNickname, List<String> groupTypes, boolean securityEnabled,
            boolean mailEnabled, List<String> members) {
        String id = UUID.randomUUID().toString();
        String mail = mailEnabled ? mailNickname + "@" + state.defaultDomain : null;
        createGroup(new TenantFixture.Group(id, displayName, null, mailNickname, mail, groupTypes, securityEnabled,
                mailEnabled, null, List.of(), null, null, members, null));
        return id;
    }

    void renameGroup(String id, String displayName) {
        synchronized (state) {
            GroupEntry g = group(id);
            g.displayName = displayName;
            g.propsSeq = state.next();
        }
    }

    void setDescription(String id, String description) {
        synchronized (state) {
            GroupEntry g = group(id);
            g.description = description;
            g.propsSeq = state.next();
        }
    }

    void addMember(String groupId, String memberId) {
        synchronized (state) {
            GroupEntry g = group(groupId);
            requireMember(memberId);
            if (g.members.add(memberId)) {
                long at = state.next();
                g.memberEvents.add(new MemberEvent(at, memberId, true));
                g.membersSeq = at;
            }
        }
    }

    void removeMember(String groupId, String memberId) {
        synchronized (state) {
            GroupEntry g = group(groupId);
            if (g.members.remove(memberId)) {
                long at = state.next();
                g.memberEvents.add(new MemberEvent(at, memberId, false));
                g.membersSeq = at;
            }
        }
    }

    void softDeleteGroup(String id) {
        synchronized (state) {
            GroupEntry g = group(id);
            if (!g.isUnified()) {
                throw new IllegalStateException("Only Microsoft 365 groups are soft-deleted; use hardDeleteGroup for "
                        + g.displayName);
            }
            g.softDeleted = true;
            g.softDeletedSeq = state.next();
        }
    }

    void restoreGroup(String id) {
        synchronized (state) {
            GroupEntry g = anyGroup(id);
            if (!g.softDeleted) {
                throw new IllegalStateException("Group " + id + " is not soft-deleted");
            }
            long at = state.next();
            g.softDeleted = false;
            g.propsSeq = at;
            g.fullMembersSeq = at;
        }
    }

    void hardDeleteGroup(String id) {
        synchronized (state) {
            GroupEntry g = anyGroup(id);
            long at = state.next();
            g.hardDeletedSeq = at;
            g.softDeleted = false;
            state.removeFromAllGroups(id, at);
        }
    }

    void setWriteback(String groupId, Boolean isEnabled, String onPremisesGroupType) {
        synchronized (state) {
            state.setWriteback(group(groupId), isEnabled, onPremisesGroupType);
        }
    }

    void setUnifiedWritebackDefault(Boolean value) {
        synchronized (state) {
            state.unifiedWritebackDefault = value;
            state.next();
        }
    }

    void setWritebackChangesInV1Delta(boolean value) {
        synchronized (state) {
            state.writebackChangesInV1Delta = value;
        }
    }

    Set<String> memberIds(String groupId) {
        synchronized (state) {
            return Set.copyOf(anyGroup(groupId).members);
        }
    }

    WritebackConfiguration writeback(String groupId) {
        synchronized (state) {
            GroupEntry g = anyGroup(groupId);
            return new WritebackConfiguration(g.writebackEnabled, g.writebackGroupType);
        }
    }

    private void putUser(TenantFixture.User user, long at) {
        UserEntry u = new UserEntry(user.id().toLowerCase());
        u.displayName = user.displayName();
        u.userPrincipalName = user.userPrincipalName();
        u.mail = user.mail();
        u.onPremisesSyncEnabled = user.onPremisesSyncEnabled();
        u.onPremisesSecurityIdentifier = user.onPremisesSecurityIdentifier();
        u.onPremisesDistinguishedName = user.onPremisesDistinguishedName();
        u.onPremisesSamAccountName = user.onPremisesSamAccountName();
        u.changedSeq = at;
        state.users.put(u.id, u);
    }

    private GroupEntry putGroup(TenantFixture.Group group, long at) {
        GroupEntry g = new GroupEntry(group.id().toLowerCase());
        g.displayName = group.displayName();
        g.description = group.description();
        g.mailNickname = group.mailNickname();
        g.mail = group.mail();
        g.groupTypes = group.groupTypes();
        g.securityEnabled = group.securityEnabled();
        g.mailEnabled = group.mailEnabled();
        g.onPremisesSyncEnabled = group.onPremisesSyncEnabled();
        g.proxyAddresses = !group.proxyAddresses().isEmpty() || group.mail() == null ? group.proxyAddresses()
                : List.of("SMTP:" + group.mail());
        g.writebackEnabled = group.writebackEnabled();
        g.writebackGroupType = group.writebackGroupType();
        g.createdSeq = at;
        g.propsSeq = at;
        g.fullMembersSeq = at;
        state.groups.put(g.id, g);
        return g;
    }

    private GroupEntry group(String id) {
        GroupEntry g = state.visibleGroup(id);
        if (g == null) {
            throw new IllegalArgumentException("No group " + id);
        }
        return g;
    }

    private GroupEntry anyGroup(String id) {
        GroupEntry g = state.groups.get(id.toLowerCase());
        if (g == null || g.hardDeletedSeq != 0) {
            throw new IllegalArgumentException("No group " + id);
        }
        return g;
    }

    private UserEntry user(String id) {
        UserEntry u = state.aliveUser(id);
        if (u == null) {
            throw new IllegalArgumentException("No user " + id);
        }
        return u;
    }

    private void requireMember(String id) {
        UserEntry u = state.users.get(id);
        GroupEntry g = state.groups.get(id);
        if ((u == null || !u.alive()) && (g == null || !g.visible())) {
            throw new IllegalArgumentException("No user or group " + id);
        }
    }
}
