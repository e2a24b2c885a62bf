package org.groupwriteback.engine.run;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.groupwriteback.engine.ad.AdChange;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.AdGroupCodec;
import org.groupwriteback.engine.ad.AdGroupLocation;
import org.groupwriteback.engine.ad.AdPrincipal;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.ad.UsnWatermark;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudDevice;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.rules.Eligibility;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.Collision;
import org.groupwriteback.engine.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-AD step of a cycle: the managed groups by their anchors (dropping anchors of deletes that
 * finished on both sides), and the AD users of the cloud members that may be written back.
 *
 * <p>Reads by change: the last known state of the managed groups and resolved users is kept in the state
 * store with a {@code uSNChanged} watermark ({@link UsnWatermark}); a cycle reads again only the groups
 * changed in AD since then (and those holding a member whose DN changed). A full read runs on the initial
 * policy, without a stored state, when the DC's invocationId differs or its USN went back, when requested
 * ({@link EngineSettings#AD_FULL_READ_PENDING}) and every {@link #fullReadInterval} (deletions made in AD are
 * not visible by USN: the full read finds them). After an apply, {@link #refreshAfterApply} re-reads what the
 * cycle wrote, so the next cycle starts from AD's state.
 */
final class AdReader {
    private static final Logger LOG = LoggerFactory.getLogger(AdReader.class);
    /** Setting: hours between full reads of AD (default {@link #DEFAULT_FULL_READ_HOURS}). */
    static final String FULL_READ_HOURS = "ad.fullReadIntervalHours";
    static final int DEFAULT_FULL_READ_HOURS = 24;
    /** Setting: the configuration the stored AD state was read under (users resolved in its OU filter). */
    static final String SCOPE_HASH = "ad.configurationHash";
    static final String WATERMARK_INVOCATION = "ad.invocationId";
    static final String WATERMARK_USN = "ad.highestCommittedUsn";
    static final String LAST_FULL_READ = "ad.lastFullRead";

    private final SyncConfiguration config;
    private final StateStore store;
    private final Directory directory;
    private final Clock clock;
    private final AdGroupCodec codec = new AdGroupCodec();
    /** Resolved AD users by SID: from the store, updated by change. */
    private final Map<Sid, DN> users = new HashMap<>();
    private final Set<Sid> changedUsers = new HashSet<>();
    private final Set<Sid> removedUsers = new HashSet<>();
    /** Groups read from AD this cycle (to store), and the groups the store holds. */
    private final Set<ObjectGuid> dirty = new HashSet<>();
    private final Set<ObjectGuid> storedGuids = new HashSet<>();
    private UsnWatermark start;
    private boolean full;
    private boolean fullThisCycle;
    /** Groups read again or found gone, and users resolved again or dropped, by this cycle's read. */
    private final Set<ObjectGuid> touchedGroups = new HashSet<>();
    private final Set<Sid> touchedUsers = new HashSet<>();

    AdReader(SyncConfiguration config, StateStore store, Directory directory, Clock clock) {
        this.config = config;
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    /** Whether this cycle's read was a full one (after {@link #read}). */
    boolean fullRead() {
        return fullThisCycle;
    }

    /** The managed groups this cycle's read found changed or gone (after {@link #read} and {@link #userDns}). */
    Set<ObjectGuid> touchedGroups() {
        return touchedGroups;
    }

    /** The users this cycle resolved again, found newly, or dropped (after {@link #userDns}). */
    Set<Sid> touchedUsers() {
        return touchedUsers;
    }

    /** The managed groups as AD has them now; a dry run leaves the stored anchors alone. */
    AdState read(CloudSnapshot snapshot, Policy policy, boolean dryRun, long runId) throws DirectoryException {
        AdState ad = new AdState(directory.test(), new LinkedHashMap<>(store.anchors()), new HashMap<>(),
                new HashMap<>(store.collisions()));
        start = directory.watermark().orElse(null);
        String why = fullReadReason(policy);
        full = why != null;
        fullThisCycle = full;
        Set<ObjectGuid> anchored = new HashSet<>();
        ad.anchors().values().forEach(a -> anchored.add(a.guid()));
        if (full) {
            LOG.info("reading every managed group from AD: {}", why);
            ad.managed().putAll(directory.readGroups(anchored));
            dirty.addAll(ad.managed().keySet());
            if (!ad.collisions().isEmpty()) {
                store.removeCollisions(ad.collisions().keySet());
                ad.collisions().clear();
            }
        } else {
            Map<ObjectGuid, AdGroup> known = loadGroups(anchored);
            loadUsers();
            long since = storedUsn();
            Set<DN> oldDns = new HashSet<>();
            Set<ObjectGuid> reread = changed(directory.changedSince(since), known, anchored, ad, oldDns);
            forgetGoneBlockers(ad);
            // The light read: deletions leave no trace a USN search can see, so every cycle checks where each
            // managed group is (objectGUID, DN, uSNChanged; no member values).
            Map<ObjectGuid, AdGroupLocation> where = directory.locateGroups(targetOu(), anchored);
            int gone = 0;
            for (ObjectGuid g : anchored) {
                AdGroupLocation now = where.get(g);
                AdGroup before = known.get(g);
                if (now == null) {
                    if (before != null) {
                        oldDns.add(before.dn());
                        known.remove(g);
                        gone++;
                    }
                    touchedGroups.add(g);
                    reread.remove(g);
                    continue;
                }
                if (before == null || !before.dn().equals(now.dn()) || now.usnChanged() > since) {
                    reread.add(g);
                    if (before != null && !before.dn().equals(now.dn())) {
                        oldDns.add(before.dn());
                    }
                }
            }
            reread.addAll(holders(known, anchored, oldDns));
            ad.managed().putAll(known);
            reread.forEach(ad.managed()::remove);
            ad.managed().putAll(directory.readGroups(reread));
            dirty.addAll(reread);
            touchedGroups.addAll(reread);
            LOG.info("read {} changed managed group(s) from AD since USN {} ({} known, {} gone from AD)",
                    reread.size(), since, known.size(), gone);
        }
        healFinishedDeletes(ad, snapshot, dryRun, runId);
        return ad;
    }

    /** Re-reads the managed groups changed since the cycle started (its own writes) and stores the state. */
    void refreshAfterApply(AdState ad) throws DirectoryException {
        if (start == null) {
            return;
        }
        UsnWatermark now = directory.watermark().orElse(null);
        Set<ObjectGuid> anchored = new HashSet<>();
        ad.anchors().values().forEach(a -> anchored.add(a.guid()));
        Set<DN> oldDns = new HashSet<>();
        Set<ObjectGuid> reread = changed(directory.changedSince(start.usn()), ad.managed(), anchored, ad, oldDns);
        reread.addAll(holders(ad.managed(), anchored, oldDns));
        ad.managed().keySet().retainAll(anchored);
        reread.forEach(ad.managed()::remove);
        ad.managed().putAll(directory.readGroups(reread));
        dirty.addAll(reread);
        start = now;
        save(ad);
    }

    /**
     * The anchored groups to read again for {@code changes}: changed managed groups; the DNs they and the users
     * that moved had before go to {@code oldDns} (their holders are read again too, see {@link #holders}). Users
     * whose DN changed are resolved again (inside the OU filter: a user that left it drops out); collisions
     * whose blocking object changed are forgotten.
     */
    private Set<ObjectGuid> changed(List<AdChange> changes, Map<ObjectGuid, AdGroup> known, Set<ObjectGuid> anchored,
            AdState ad, Set<DN> oldDns) {
        Set<ObjectGuid> reread = new LinkedHashSet<>();
        Set<ObjectGuid> changedGuids = new HashSet<>();
        for (AdChange c : changes) {
            changedGuids.add(c.guid());
            AdGroup before = known.get(c.guid());
            if (anchored.contains(c.guid())) {
                reread.add(c.guid());
                if (before != null && !before.dn().equals(c.dn())) {
                    oldDns.add(before.dn());
                }
            }
            if (c.sid() != null && users.containsKey(c.sid()) && !users.get(c.sid()).equals(c.dn())) {
                oldDns.add(users.remove(c.sid()));
                removedUsers.add(c.sid());
                touchedUsers.add(c.sid());
            }
        }
        List<String> unblocked = new ArrayList<>();
        for (Collision c : ad.collisions().values()) {
            if (c.blocker() == null || changedGuids.contains(c.blocker())) {
                unblocked.add(c.cloudId());
            }
        }
        if (!unblocked.isEmpty()) {
            store.removeCollisions(unblocked);
            unblocked.forEach(ad.collisions()::remove);
        }
        return reread;
    }

    /** Forgets the collisions whose blocking object was deleted in AD (a deletion no USN search shows). */
    private void forgetGoneBlockers(AdState ad) throws DirectoryException {
        List<String> unblocked = new ArrayList<>();
        for (Collision c : ad.collisions().values()) {
            Optional<ObjectGuid> at;
            try {
                at = directory.guidAt(new DN(c.dn()));
            } catch (LDAPException e) {
                at = Optional.empty();
            }
            if (at.isEmpty() || !at.get().equals(c.blocker())) {
                unblocked.add(c.cloudId());
            }
        }
        if (!unblocked.isEmpty()) {
            store.removeCollisions(unblocked);
            unblocked.forEach(ad.collisions()::remove);
        }
    }

    /** The anchored groups that hold one of {@code oldDns} as a member. */
    private static Set<ObjectGuid> holders(Map<ObjectGuid, AdGroup> known, Set<ObjectGuid> anchored, Set<DN> oldDns) {
        Set<ObjectGuid> out = new LinkedHashSet<>();
        if (oldDns.isEmpty()) {
            return out;
        }
        for (AdGroup g : known.values()) {
            if (anchored.contains(g.guid()) && g.members().stream().anyMatch(oldDns::contains)) {
                out.add(g.guid());
            }
        }
        return out;
    }

    /** The configured target OU, or null when it is not a DN. */
    private DN targetOu() {
        String ou = config.groupWriteback() == null ? null : config.groupWriteback().targetOu();
        try {
            return ou == null || ou.isBlank() ? null : new DN(ou);
        } catch (LDAPException e) {
            return null;
        }
    }

    private String fullReadReason(Policy policy) {
        if (policy == Policy.INITIAL) {
            return "initial policy";
        }
        if (start == null) {
            return "the directory publishes no change tracking (highestCommittedUSN, invocationId)";
        }
        Optional<String> invocation = store.setting(WATERMARK_INVOCATION);
        Optional<String> usn = store.setting(WATERMARK_USN);
        if (invocation.isEmpty() || usn.isEmpty()) {
            return "no stored AD state yet";
        }
        if (!start.continues(new UsnWatermark(invocation.get(), Long.parseLong(usn.get())))) {
            return "the domain controller changed or its USN went back (invocationId " + start.invocationId()
                    + ", USN " + start.usn() + ")";
        }
        if (!store.setting(SCOPE_HASH).orElse("").equals(CloudImport.configurationHash(config))) {
            return "the directory, OU filter or target OU changed";
        }
        Optional<String> pending = store.setting(EngineSettings.AD_FULL_READ_PENDING);
        if (pending.isPresent()) {
            return "requested: " + pending.get();
        }
        Instant last = store.setting(LAST_FULL_READ).map(Instant::parse).orElse(Instant.EPOCH);
        int hours = store.setting(FULL_READ_HOURS).map(Integer::parseInt).orElse(DEFAULT_FULL_READ_HOURS);
        if (Duration.between(last, clock.instant()).compareTo(Duration.ofHours(hours)) >= 0) {
            return "the periodic full read (every " + hours + " h)";
        }
        return null;
    }

    private long storedUsn() {
        return store.setting(WATERMARK_USN).map(Long::parseLong).orElse(0L);
    }

    private Map<ObjectGuid, AdGroup> loadGroups(Set<ObjectGuid> anchored) {
        Map<ObjectGuid, AdGroup> out = new HashMap<>();
        for (Map.Entry<ObjectGuid, String> e : store.adGroups().entrySet()) {
            storedGuids.add(e.getKey());
            if (anchored.contains(e.getKey())) {
                out.put(e.getKey(), codec.decode(e.getKey(), e.getValue()));
            }
        }
        return out;
    }

    private void loadUsers() {
        for (Map.Entry<String, String> e : store.adUsers().entrySet()) {
            try {
                users.put(new Sid(e.getKey()), codec.dn(e.getValue()));
            } catch (LDAPException | IllegalArgumentException ex) {
                removedUsers.add(null);
            }
        }
        removedUsers.remove(null);
    }

    /** Anchors whose AD group is gone and whose cloud group is gone too: a delete that finished. */
    private void healFinishedDeletes(AdState ad, CloudSnapshot snapshot, boolean dryRun, long runId) {
        for (Anchor a : List.copyOf(ad.anchors().values())) {
            if (!ad.managed().containsKey(a.guid()) && !snapshot.groups().containsKey(a.cloudId())) {
                ad.anchors().remove(a.cloudId());
                if (!dryRun) {
                    LOG.info("anchor of deleted cloud group {} dropped: its AD group {} is gone too", a.cloudId(),
                            a.lastKnownDn());
                    store.removeAnchor(a.cloudId());
                    store.closeUnfinishedIntents(a.cloudId(), "HEALED", runId);
                }
            }
        }
    }

    /**
     * The AD users (by SID) of the synced cloud users in groups that are or may be written back, skipping
     * groups over the member limit (the planner drops them anyway); the planner makes the real decision on
     * each group. Users known from earlier cycles are not searched again. Stores the AD state read.
     */
    Map<Sid, DN> userDns(CloudSnapshot snapshot, AdState ad) throws DirectoryException {
        int limit = config.groupWriteback() == null || config.groupWriteback().memberLimit() == null
                ? SyncConfiguration.DEFAULT_MEMBER_LIMIT : config.groupWriteback().memberLimit();
        Set<Sid> sids = new LinkedHashSet<>();
        for (CloudGroup g : snapshot.groups().values()) {
            if (!WritebackRules.eligibility(g).eligible()
                    && !ad.anchors().containsKey(g.id())) {
                continue;
            }
            if (g.members().size() > limit && !ad.anchors().containsKey(g.id())) {
                continue;
            }
            for (CloudMember m : g.members()) {
                CloudUser u = m.kind() == CloudMember.Kind.USER ? snapshot.users().get(m.id()) : null;
                if (u != null && u.isSynced() && Sid.isValid(u.onPremisesSecurityIdentifier())) {
                    sids.add(new Sid(u.onPremisesSecurityIdentifier()));
                }
            }
        }
        if (full) {
            users.clear();
        }
        sids.removeAll(users.keySet());
        if (!sids.isEmpty()) {
            Map<Sid, DN> found = directory.resolveUsers(sids, config.ouFilter());
            users.putAll(found);
            changedUsers.addAll(found.keySet());
            touchedUsers.addAll(found.keySet());
        }
        save(ad);
        return users;
    }

    /** Stores the managed groups and users as read, and the watermark the read started from. */
    private void save(AdState ad) {
        if (start == null) {
            return;
        }
        Map<ObjectGuid, String> groups = new HashMap<>();
        for (ObjectGuid g : dirty) {
            AdGroup group = ad.managed().get(g);
            if (group != null) {
                groups.put(g, AdGroupCodec.encode(group));
            }
        }
        Map<String, String> userRows = new HashMap<>();
        for (Sid s : full ? users.keySet() : changedUsers) {
            DN dn = users.get(s);
            if (dn != null) {
                userRows.put(s.value(), dn.toString());
            }
        }
        List<String> gone = removedUsers.stream().filter(s -> !users.containsKey(s)).map(Sid::value).toList();
        // Groups no longer anchored or gone from AD leave the stored state.
        List<ObjectGuid> dropped = full ? List.of()
                : storedGuids.stream().filter(g -> !ad.managed().containsKey(g)).toList();
        store.saveAdState(groups, dropped, userRows, gone, full);
        storedGuids.removeAll(dropped);
        storedGuids.addAll(groups.keySet());
        dirty.clear();
        store.putSetting(WATERMARK_INVOCATION, start.invocationId());
        store.putSetting(WATERMARK_USN, Long.toString(start.usn()));
        store.putSetting(SCOPE_HASH, CloudImport.configurationHash(config));
        if (full) {
            store.putSetting(LAST_FULL_READ, clock.instant().toString());
            store.putSetting(EngineSettings.AD_FULL_READ_PENDING, null);
        }
        changedUsers.clear();
        full = false;
    }

    /**
     * The AD groups and computers (by SID, inside the OU filter) of the members synced from AD that are not
     * users: member groups that carry an on-premises SID and hybrid-joined devices, in groups that are or may be
     * written back; and the original groups of cloud groups whose source of authority moved to the cloud.
     */
    Map<Sid, AdPrincipal> principals(CloudSnapshot snapshot, AdState ad) throws DirectoryException {
        Set<Sid> sids = new LinkedHashSet<>();
        for (CloudGroup g : snapshot.groups().values()) {
            Eligibility e = WritebackRules.eligibility(g);
            if (e.reason() == Eligibility.Reason.CLOUD_MANAGED) {
                addSid(sids, g.onPremisesSecurityIdentifier());
            }
            if (!e.eligible() && !ad.anchors().containsKey(g.id())) {
                continue;
            }
            for (CloudMember m : g.members()) {
                if (m.kind() == CloudMember.Kind.GROUP) {
                    CloudGroup member = snapshot.groups().get(m.id());
                    addSid(sids, member == null ? null : member.onPremisesSecurityIdentifier());
                } else if (m.kind() == CloudMember.Kind.DEVICE) {
                    CloudDevice device = snapshot.devices().get(m.id());
                    addSid(sids, device == null ? null : device.onPremisesSecurityIdentifier());
                }
            }
        }
        return sids.isEmpty() ? Map.of() : directory.resolvePrincipals(sids, config.ouFilter());
    }

    private static void addSid(Set<Sid> sids, String sid) {
        if (sid != null && Sid.isValid(sid.strip())) {
            sids.add(new Sid(sid.strip()));
        }
    }
}
