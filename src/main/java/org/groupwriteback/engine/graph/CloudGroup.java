package org.groupwriteback.engine.graph;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A cloud group as the engine knows it after import: the Graph properties that writeback needs, its
 * complete member set, and whether it is soft-deleted (restorable). A group synced from AD carries its
 * {@code onPremisesSecurityIdentifier}; {@code cloudManaged} is the beta {@code onPremisesSyncBehavior.isCloudManaged}
 * (null = not read: the group never came from AD). Immutable.
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
        boolean softDeleted,
        String onPremisesSecurityIdentifier,
        Boolean cloudManaged) {

    /** A group without on-premises origin (no SID, source of authority never converted). */
    public CloudGroup(String id, String displayName, String description, String mailNickname, String mail,
            List<String> groupTypes, boolean securityEnabled, boolean mailEnabled, Boolean onPremisesSyncEnabled,
            List<String> proxyAddresses, WritebackConfiguration writeback, Set<CloudMember> members,
            boolean softDeleted) {
        this(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled, mailEnabled,
                onPremisesSyncEnabled, proxyAddresses, writeback, members, softDeleted, null, null);
    }

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

    /** True when the group came from AD and its source of authority was converted to the cloud. */
    public boolean sourceOfAuthorityInCloud() {
        return Boolean.TRUE.equals(cloudManaged) && hasOnPremisesSid();
    }

    /** True when the group carries the SID of an AD group (it was synced from on-premises). */
    public boolean hasOnPremisesSid() {
        return onPremisesSecurityIdentifier != null && !onPremisesSecurityIdentifier.isBlank();
    }

    public CloudGroup withMembers(Set<CloudMember> newMembers) {
        return new CloudGroup(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled,
                mailEnabled, onPremisesSyncEnabled, proxyAddresses, writeback, newMembers, softDeleted,
                onPremisesSecurityIdentifier, cloudManaged);
    }

    public CloudGroup withWriteback(WritebackConfiguration newWriteback) {
        return new CloudGroup(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled,
                mailEnabled, onPremisesSyncEnabled, proxyAddresses, newWriteback, members, softDeleted,
                onPremisesSecurityIdentifier, cloudManaged);
    }

    public CloudGroup withSoftDeleted(boolean deleted) {
        return new CloudGroup(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled,
                mailEnabled, onPremisesSyncEnabled, proxyAddresses, writeback, members, deleted,
                onPremisesSecurityIdentifier, cloudManaged);
    }

    /** The same group with its {@code onPremisesSyncBehavior.isCloudManaged} as read from {@code /beta}. */
    public CloudGroup withCloudManaged(Boolean managed) {
        return new CloudGroup(id, displayName, description, mailNickname, mail, groupTypes, securityEnabled,
                mailEnabled, onPremisesSyncEnabled, proxyAddresses, writeback, members, softDeleted,
                onPremisesSecurityIdentifier, managed);
    }
}
