package org.groupwriteback.engine.run;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.AdPrincipal;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The adoption step. When asked ({@code gwb sync --adopt}): groups under the target OU that Entra Connect
 * wrote back ({@code adminDescription = Group_<id>}) for a cloud group that may be written back and has no
 * anchor get anchored as ADOPTED, so the plan updates them instead of creating duplicates. Every cycle: the
 * original AD groups of groups whose source of authority moved to the cloud are anchored as CONVERTED.
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
            if (marker == null || !marker.startsWith(GroupNaming.GROUP_PREFIX) || anchored.contains(g.guid())) {
                continue;
            }
            String cloudId = marker.substring(GroupNaming.GROUP_PREFIX.length());
            CloudGroup cg = snapshot.groups().get(cloudId);
            if (cg == null || ad.anchors().containsKey(cloudId)
                    || !WritebackRules.eligibility(cg).eligible()) {
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

    /**
     * Every cycle: anchors as CONVERTED the original AD group (found by objectSid inside the OU filter, in
     * {@code principals}) of each cloud group whose source of authority moved to the cloud, so its members are
     * managed in place (SID, GUID and DN kept) and no second group is ever created; and releases (drops the
     * anchor of, without touching AD) each converted group that is no longer cloud-managed (rolled back) or gone.
     */
    void adoptConverted(CloudSnapshot snapshot, AdState ad, Map<Sid, AdPrincipal> principals, boolean dryRun)
            throws DirectoryException {
        for (Anchor a : List.copyOf(ad.anchors().values())) {
            CloudGroup cg = snapshot.groups().get(a.cloudId());
            if (a.origin() == Anchor.Origin.CONVERTED && (cg == null || !cg.sourceOfAuthorityInCloud())) {
                ad.anchors().remove(a.cloudId());
                ad.managed().remove(a.guid());
                if (!dryRun) {
                    store.removeAnchor(a.cloudId());
                    LOG.info("released {}: the source of authority of cloud group {} is no longer the cloud; the AD "
                            + "group is kept and no longer updated", a.lastKnownDn(), a.cloudId());
                }
            }
        }
        Set<ObjectGuid> anchored = new HashSet<>();
        ad.anchors().values().forEach(a -> anchored.add(a.guid()));
        for (CloudGroup cg : snapshot.groups().values()) {
            if (!cg.sourceOfAuthorityInCloud() || ad.anchors().containsKey(cg.id())
                    || !Sid.isValid(cg.onPremisesSecurityIdentifier().strip())) {
                continue;
            }
            AdPrincipal original = principals.get(new Sid(cg.onPremisesSecurityIdentifier().strip()));
            if (original == null || original.kind() != AdPrincipal.Kind.GROUP) {
                LOG.warn("cloud group {} ({}) is cloud-managed, but no AD group with SID {} is inside the OU filter; "
                        + "it is not written back", cg.id(), cg.displayName(), cg.onPremisesSecurityIdentifier());
                continue;
            }
            Optional<AdGroup> g = directory.readGroup(original.dn());
            if (g.isEmpty() || anchored.contains(g.get().guid())) {
                continue;
            }
            Anchor a = new Anchor(cg.id(), g.get().guid(), Anchor.Origin.CONVERTED, g.get().dn().toString(),
                    clock.instant());
            ad.anchors().put(cg.id(), a);
            ad.managed().put(g.get().guid(), g.get());
            anchored.add(g.get().guid());
            if (!dryRun) {
                store.putAnchor(a);
                LOG.info("adopted {} in place for cloud group {} ({}): its source of authority is the cloud",
                        g.get().dn(), cg.id(), cg.displayName());
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
