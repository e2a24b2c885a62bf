package org.groupwriteback.engine.run;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adoption step (only when asked, {@code gwb sync --adopt}): groups under the target OU that Entra
 * Connect wrote back ({@code adminDescription = Group_<id>}) for a cloud group that may be written back
 * and has no anchor get anchored as ADOPTED, so the plan updates them instead of creating duplicates.
 */
final class Adoption {
    private static final Logger LOG = LoggerFactory.getLogger(Adoption.class);

    private final SyncConfiguration config;
    private final StateStore store;
    private final Directory directory;
    private final Clock clock;

    Adoption(SyncConfiguration config, StateStore store, Directory directory, Clock clock) {
        this.config = config;
        this.store = store;
        this.directory = directory;
        this.clock = clock;
    }

    /** Adds the adopted groups to {@code ad}; a dry run stores no anchor. */
    void adopt(CloudSnapshot snapshot, AdState ad, boolean dryRun) throws DirectoryException {
        Set<ObjectGuid> anchored = new HashSet<>();
        ad.anchors().values().forEach(a -> anchored.add(a.guid()));
        for (AdGroup g : directory.findWrittenBackGroups(targetOu())) {
            String marker = g.adminDescription();
            if (marker == null || !marker.startsWith(WritebackRules.GROUP_PREFIX) || anchored.contains(g.guid())) {
                continue;
            }
            String cloudId = marker.substring(WritebackRules.GROUP_PREFIX.length());
            CloudGroup cg = snapshot.groups().get(cloudId);
            if (cg == null || ad.anchors().containsKey(cloudId)
                    || !WritebackRules.eligibility(cg, snapshot.unifiedWritebackDefault()).eligible()) {
                continue;
            }
            Anchor a = new Anchor(cloudId, g.guid(), Anchor.Origin.ADOPTED, g.dn().toString(), clock.instant());
            ad.anchors().put(cloudId, a);
            anchored.add(g.guid());
            ad.managed().put(g.guid(), g);
            if (!dryRun) {
                store.putAnchor(a);
                LOG.info("adopted {} for cloud group {} ({})", g.dn(), cloudId, cg.displayName());
            }
        }
    }

    private DN targetOu() throws DirectoryException {
        String baseText = config.groupWriteback() != null && config.groupWriteback().targetOu() != null
                ? config.groupWriteback().targetOu() : config.directory().baseDn();
        try {
            return new DN(baseText);
        } catch (LDAPException e) {
            throw new DirectoryException("the target OU '" + baseText + "' is not a valid DN; fix it with gwb configure",
                    DirectoryException.Kind.CONFIGURATION, null, baseText, e);
        }
    }
}
