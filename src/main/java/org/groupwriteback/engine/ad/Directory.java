package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;

/**
 * The on-premises side: reads managed groups by anchor, resolves synced users by SID, and writes
 * groups over LDAP. Every write names its target by DN that the caller read or planned; this type
 * never decides what to change. Thread-safe (backed by a connection pool).
 */
public interface Directory extends AutoCloseable {

    /** Binds and reads the root DSE: the live check behind "Test connection". */
    DirectoryInfo test() throws DirectoryException;

    /**
     * The DC's change-tracking position (rootDSE highestCommittedUSN and the invocationId of its NTDS
     * Settings), or empty when the server publishes none: then every read is a full one.
     */
    default java.util.Optional<UsnWatermark> watermark() throws DirectoryException {
        return java.util.Optional.empty();
    }

    /**
     * The objects under the base DN changed after {@code usn} ({@code uSNChanged > usn}); deletions are not
     * listed (a periodic full read finds them).
     */
    default List<AdChange> changedSince(long usn) throws DirectoryException {
        throw new UnsupportedOperationException("this directory publishes no change tracking");
    }

    /**
     * Where the groups with these objectGUIDs are now, read light (objectGUID, uSNChanged and DN, never members):
     * one search for the groups under {@code likelyBase} (may be null), then a search by objectGUID for the ones
     * not found there. Groups that no longer exist are absent. The default reads the whole groups.
     */
    default Map<ObjectGuid, AdGroupLocation> locateGroups(DN likelyBase, Collection<ObjectGuid> guids)
            throws DirectoryException {
        Map<ObjectGuid, AdGroupLocation> out = new java.util.LinkedHashMap<>();
        readGroups(guids).forEach((g, group) -> out.put(g, new AdGroupLocation(g, group.dn(), -1)));
        return out;
    }

    /** Reads the groups with these objectGUIDs (members complete, range retrieval); missing ones are absent. */
    Map<ObjectGuid, AdGroup> readGroups(Collection<ObjectGuid> guids) throws DirectoryException;

    /** Reads the entry at {@code dn} if it exists and is a group. */
    Optional<AdGroup> readGroup(DN dn) throws DirectoryException;

    /** The objectGUID of the entry at {@code dn} (any class), empty when there is none. */
    default Optional<ObjectGuid> guidAt(DN dn) throws DirectoryException {
        return readGroup(dn).map(AdGroup::guid);
    }

    /** True when any entry exists at {@code dn}. */
    boolean exists(DN dn) throws DirectoryException;

    /**
     * Groups under {@code base} whose {@code adminDescription} starts with {@code Group_}: groups
     * written back earlier (by us or by Entra Connect), candidates for adoption.
     */
    List<AdGroup> findWrittenBackGroups(DN base) throws DirectoryException;

    /**
     * Finds the users with these SIDs inside the OU filter's scope (compared as binary objectSid).
     * SIDs not found, or found outside the scope, are absent from the result.
     */
    Map<Sid, DN> resolveUsers(Collection<Sid> sids, OuFilter scope) throws DirectoryException;

    /**
     * Finds the users, computers and groups with these SIDs inside the OU filter's scope (members that are
     * synced users, hybrid-joined devices or groups synced from AD). The default knows users only.
     */
    default Map<Sid, AdPrincipal> resolvePrincipals(Collection<Sid> sids, OuFilter scope) throws DirectoryException {
        Map<Sid, AdPrincipal> out = new java.util.LinkedHashMap<>();
        resolveUsers(sids, scope).forEach((sid, dn) -> out.put(sid, new AdPrincipal(dn, AdPrincipal.Kind.USER, 0)));
        return out;
    }

    /** The child OUs of {@code parent} (for the wizard's lazy OU trees). */
    List<DN> childOrganizationalUnits(DN parent) throws DirectoryException;

    /** Creates a group; returns the objectGUID AD assigned. */
    ObjectGuid createGroup(NewGroup group) throws DirectoryException;

    /**
     * Creates a group with {@code members} in the same add (one write instead of an add and a modify);
     * returns the objectGUID AD assigned. Members must exist.
     */
    default ObjectGuid createGroup(NewGroup group, Collection<DN> members) throws DirectoryException {
        ObjectGuid guid = createGroup(group);
        if (!members.isEmpty()) {
            addMembers(group.dn(), members);
        }
        return guid;
    }

    /**
     * Replaces (or removes, for a null/empty value) the given single- or multi-valued attributes on
     * the group at {@code dn}. Values are strings; {@code groupType} is passed as its decimal text.
     */
    void replaceAttributes(DN dn, Map<String, List<String>> values) throws DirectoryException;

    /** Renames and/or moves (modify DN, old RDN deleted); returns the new DN. objectGUID and SID stay. */
    DN moveOrRename(DN current, RDN newRdn, DN newParent) throws DirectoryException;

    /** Adds members in batches of value-add modifications (never a replace of {@code member}). */
    void addMembers(DN group, Collection<DN> members) throws DirectoryException;

    /** Removes members in batches of value-delete modifications. */
    void removeMembers(DN group, Collection<DN> members) throws DirectoryException;

    /** Deletes the group at {@code dn}. */
    void deleteGroup(DN dn) throws DirectoryException;

    @Override
    void close();
}
