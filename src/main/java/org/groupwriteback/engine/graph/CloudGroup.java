package org.groupwriteback.engine.graph;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A cloud group as the engine knows it after import: the Graph properties that writeback needs, its
 * complete member set, and whether it is soft-deleted (restorable). Immutable.
 */
public record CloudGroup(
        String id,
        String displayName,
        String description,
        String mailNickname,
        String mail,
        List<String> groupTypes,
        boolean securityEnabled,
        boolean mailEnabled,
        Boolean onPremisesSyncEnabled,
        List<String> proxyAddresses,
        WritebackConfiguration writeback,
        Set<CloudMember> members,
        boolean softDeleted) {

    public CloudGroup {
        Objects.requireNonNull(id, "id");
        groupTypes = groupTypes == null ? List.of() : List.copyOf(groupTypes);
        proxyAddresses = proxyAddresses == null ? List.of() : List.copyOf(proxyAddresses);
        writeback = writeback == null ? WritebackConfiguration.UNSET : writeback;
        members = members == null ? Set.of() : Set.copyOf(members);
    }

    /** True for a Microsoft 365 group ({@code groupTypes} contains {@code Unified}). */
    public boolean isUnified() {
        return groupTypes.stream().anyMatch("Unified"::equalsIgnoreCase);
    }

    /** True when the group's membership is dynamic ({@code groupTypes} contains {@code DynamicMembership}). */
    public boolean isDynamic() {
        return groupTypes.stream().anyMatch("DynamicMembership"::equalsIgnoreCase);
    }

    public CloudGroup withMembers(Set<CloudMember> newMembers) {
        return new CloudGroup(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled,
                mailEnabled, onPremisesSyncEnabled, proxyAddresses, writeback, newMembers, softDeleted);
    }

    public CloudGroup withWriteback(WritebackConfiguration newWriteback) {
        return new CloudGroup(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled,
                mailEnabled, onPremisesSyncEnabled, proxyAddresses, newWriteback, members, softDeleted);
    }

    public CloudGroup withSoftDeleted(boolean deleted) {
        return new CloudGroup(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled,
                mailEnabled, onPremisesSyncEnabled, proxyAddresses, writeback, members, deleted);
    }
}
