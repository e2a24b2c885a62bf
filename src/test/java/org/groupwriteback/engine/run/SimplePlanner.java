package org.groupwriteback.engine.run;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.GroupType;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.plan.Change;
import org.groupwriteback.engine.plan.Plan;
import org.groupwriteback.engine.plan.PlanInput;
import org.groupwriteback.engine.rules.SkippedMembers;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.rules.SkippedMembers;
import org.groupwriteback.engine.state.Anchor;

/**
 * A deliberately small planner for SyncCycle tests (the real one is core's): security groups as
 * CN=Group_&lt;id&gt; under the target OU, displayName kept in sync, user members by SID, group members
 * by their written-back DN, deletes of anchored groups gone from the cloud. Creates, updates, moves,
 * member adds, member removes, deletes, in that order.
 */
public final class SimplePlanner {
    private SimplePlanner() {
    }

    public static Plan plan(PlanInput in) {
        try {
            DN ou = new DN(in.config().groupWriteback().targetOu());
            Map<String, DN> targetDn = new HashMap<>();
            List<CloudGroup> eligible = in.cloudGroups().values().stream()
                    .filter(g -> WritebackRules.eligibility(g, in.unifiedWritebackDefault()).eligible())
                    .sorted((a, b) -> a.id().compareTo(b.id())).toList();
            for (CloudGroup g : eligible) {
                targetDn.put(g.id(), new DN(new RDN("CN", "Group_" + g.id()), ou));
            }
            List<Change> creates = new ArrayList<>();
            List<Change> updates = new ArrayList<>();
            List<Change> moves = new ArrayList<>();
            List<Change> adds = new ArrayList<>();
            List<Change> removes = new ArrayList<>();
            List<Change> deletes = new ArrayList<>();
            for (CloudGroup g : eligible) {
                DN dn = targetDn.get(g.id());
                Set<DN> want = new LinkedHashSet<>();
                for (CloudMember m : g.members()) {
                    if (m.kind() == CloudMember.Kind.USER) {
                        CloudUser u = in.cloudUsers().get(m.id());
                        if (u != null && u.isSynced()) {
                            DN d = in.userDns().get(new Sid(u.onPremisesSecurityIdentifier()));
                            if (d != null) {
                                want.add(d);
                            }
                        }
                    } else if (m.kind() == CloudMember.Kind.GROUP && targetDn.containsKey(m.id())) {
                        want.add(targetDn.get(m.id()));
                    }
                }
                Anchor a = in.anchors().get(g.id());
                AdGroup ad = a == null ? null : in.managed().get(a.guid());
                if (ad == null) {
                    creates.add(new Change.Create(g.id(), new NewGroup(dn, "G_" + g.id(), GroupType.UNIVERSAL_SECURITY.adValue(),
                            g.displayName(), null, "Group_" + g.id(), null, null, List.of())));
                    if (!want.isEmpty()) {
                        adds.add(new Change.AddMembers(g.id(), dn, want.stream().sorted().toList()));
                    }
                    continue;
                }
                if (!java.util.Objects.equals(ad.displayName(), g.displayName())) {
                    updates.add(new Change.Update(g.id(), ad.guid(), ad.dn(), Map.of("displayName", List.of(g.displayName())),
                            Map.of()));
                }
                if (!ad.dn().equals(dn)) {
                    moves.add(new Change.Move(g.id(), ad.guid(), ad.dn(), dn, !ad.dn().getRDN().equals(dn.getRDN()),
                            !ad.dn().getParent().equals(dn.getParent())));
                }
                List<DN> add = want.stream().filter(d -> !ad.members().contains(d)).sorted().toList();
                List<DN> remove = ad.members().stream().filter(d -> !want.contains(d)).sorted().toList();
                if (!add.isEmpty()) {
                    adds.add(new Change.AddMembers(g.id(), dn, add));
                }
                if (!remove.isEmpty()) {
                    removes.add(new Change.RemoveMembers(g.id(), dn, remove));
                }
            }
            for (Anchor a : in.anchors().values()) {
                AdGroup ad = in.managed().get(a.guid());
                if (ad != null && !in.cloudGroups().containsKey(a.cloudId())) {
                    deletes.add(new Change.Delete(a.cloudId(), a.guid(), ad.dn(), "permanently deleted in the cloud"));
                }
            }
            List<Change> all = new ArrayList<>();
            all.addAll(creates);
            all.addAll(updates);
            all.addAll(moves);
            all.addAll(adds);
            all.addAll(removes);
            all.addAll(deletes);
            return new Plan(all, List.of(), SkippedMembers.NONE);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }
}
