package org.groupwriteback.engine.run;

import com.unboundid.ldap.sdk.DN;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-AD step of a cycle: the managed groups by their anchors (dropping anchors of deletes that
 * finished on both sides), and the AD users of the cloud members that may be written back.
 */
final class AdReader {
    private static final Logger LOG = LoggerFactory.getLogger(AdReader.class);

    private final SyncConfiguration config;
    private final StateStore store;
    private final Directory directory;

    AdReader(SyncConfiguration config, StateStore store, Directory directory) {
        this.config = config;
        this.store = store;
        this.directory = directory;
    }

    /** The managed groups as AD has them now; a dry run leaves the stored anchors alone. */
    AdState read(CloudSnapshot snapshot, boolean dryRun, long runId) throws DirectoryException {
        AdState ad = new AdState(directory.test(), new LinkedHashMap<>(store.anchors()), new HashMap<>());
        ad.managed().putAll(directory.readGroups(ad.anchors().values().stream().map(Anchor::guid).toList()));
        healFinishedDeletes(ad, snapshot, dryRun, runId);
        return ad;
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
     * The AD users (by SID) of the synced cloud users in groups that are or may be written back; the
     * planner makes the real decision on each group.
     */
    Map<Sid, DN> userDns(CloudSnapshot snapshot, AdState ad) throws DirectoryException {
        Set<Sid> sids = new LinkedHashSet<>();
        for (CloudGroup g : snapshot.groups().values()) {
            if (!WritebackRules.eligibility(g, snapshot.unifiedWritebackDefault()).eligible()
                    && !ad.anchors().containsKey(g.id())) {
                continue;
            }
            for (CloudMember m : g.members()) {
                CloudUser u = m.kind() == CloudMember.Kind.USER ? snapshot.users().get(m.id()) : null;
                if (u != null && u.isSynced() && Sid.isValid(u.onPremisesSecurityIdentifier())) {
                    sids.add(new Sid(u.onPremisesSecurityIdentifier()));
                }
            }
        }
        return sids.isEmpty() ? Map.of() : directory.resolveUsers(sids, config.ouFilter());
    }
}
