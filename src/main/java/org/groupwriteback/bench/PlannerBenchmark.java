package org.groupwriteback.bench;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.plan.Change;
import org.groupwriteback.engine.plan.Plan;
import org.groupwriteback.engine.plan.PlanInput;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.state.Anchor;

/**
 * Measures the pure planner at Connect scale: a tenant of {@code groups} cloud security groups with
 * {@code membersPerGroup} synced user members each, planned once against an empty AD (initial writeback) and
 * once against an AD that already matches (a steady-state cycle, which must plan nothing).
 */
final class PlannerBenchmark {
    private static final String DOMAIN = "S-1-5-21-1000000001-1000000002-1000000003";

    private PlannerBenchmark() {
    }

    static Map<String, Object> run(int groups, int membersPerGroup, int users) throws LDAPException {
        DN base = new DN("DC=bench,DC=local");
        DN people = new DN(new RDN("OU", "People"), base);
        DN target = new DN(new RDN("OU", "Cloud Groups"), base);
        SyncConfiguration config = new SyncConfiguration(null, null,
                new SyncConfiguration.OuFilter(List.of(base.toString()), List.of()),
                new SyncConfiguration.GroupWriteback(true, target.toString(), true,
                        SyncConfiguration.MAX_MEMBER_LIMIT, false),
                SyncConfiguration.DEFAULT_DELETION_THRESHOLD, new SyncConfiguration.Scheduler(true, 30));

        Map<String, CloudUser> cloudUsers = new HashMap<>();
        Map<Sid, DN> userDns = new HashMap<>();
        List<String> userIds = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            String id = UUID.nameUUIDFromBytes(("bench-user-" + i).getBytes()).toString();
            Sid sid = new Sid(DOMAIN + "-" + (100_000 + i));
            cloudUsers.put(id, new CloudUser(id, sid.value(), true));
            userDns.put(sid, new DN(new RDN("CN", "user" + i), people));
            userIds.add(id);
        }
        Map<String, CloudGroup> cloudGroups = new HashMap<>();
        for (int g = 0; g < groups; g++) {
            String id = UUID.nameUUIDFromBytes(("bench-group-" + g).getBytes()).toString();
            Set<CloudMember> members = new HashSet<>();
            for (int m = 0; m < membersPerGroup; m++) {
                members.add(CloudMember.user(userIds.get((g * 7919 + m) % users)));
            }
            cloudGroups.put(id, new CloudGroup(id, "Bench group " + g, "benchmark", "bench" + g, null,
                    List.of(), true, false, null, List.of(), new WritebackConfiguration(true, null), members, false));
        }

        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        Plan initial = Planner.plan(new PlanInput(config, cloudGroups, cloudUsers, Map.of(), Map.of(), userDns,
                false));
        long initialMs = (System.nanoTime() - t0) / 1_000_000;
        long heapAfter = rt.totalMemory() - rt.freeMemory();

        // Build the AD that an applied initial plan leaves behind, then plan again: nothing must change.
        Map<String, Anchor> anchors = new HashMap<>();
        Map<ObjectGuid, AdGroup> managed = new HashMap<>();
        Map<String, Set<DN>> membersByGroup = new HashMap<>();
        for (Change c : initial.changes()) {
            if (c instanceof Change.AddMembers a) {
                membersByGroup.computeIfAbsent(a.cloudId(), k -> new HashSet<>()).addAll(a.members());
            }
        }
        for (Change c : initial.changes()) {
            if (c instanceof Change.Create cr) {
                ObjectGuid guid = new ObjectGuid(UUID.randomUUID());
                anchors.put(cr.cloudId(), new Anchor(cr.cloudId(), guid, Anchor.Origin.CREATED,
                        cr.group().dn().toString(), null));
                managed.put(guid, new AdGroup(guid, cr.group().dn(), null, cr.group().samAccountName(),
                        cr.group().groupType(), cr.group().displayName(), cr.group().description(),
                        cr.group().adminDescription(), cr.group().mail(), cr.group().mailNickname(),
                        cr.group().proxyAddresses(), membersByGroup.getOrDefault(cr.cloudId(), Set.of())));
            }
        }
        long t1 = System.nanoTime();
        Plan steady = Planner.plan(new PlanInput(config, cloudGroups, cloudUsers, anchors, managed, userDns,
                false));
        long steadyMs = (System.nanoTime() - t1) / 1_000_000;

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "plan");
        out.put("groups", groups);
        out.put("memberships", (long) groups * membersPerGroup);
        out.put("initialPlanMs", initialMs);
        out.put("initialChanges", initial.changes().size());
        out.put("steadyPlanMs", steadyMs);
        out.put("steadyChanges", steady.changes().size());
        out.put("heapGrowthDuringInitialPlanMb", Math.max(0, (heapAfter - heapBefore) / (1024 * 1024)));
        return out;
    }
}
