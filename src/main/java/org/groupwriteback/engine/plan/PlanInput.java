package org.groupwriteback.engine.plan;

import com.unboundid.ldap.sdk.DN;
import java.util.Map;
import java.util.Set;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.AdPrincipal;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudDevice;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.state.Anchor;

/**
 * Everything the {@link Planner} decides from: the configuration, the cloud as imported, the anchors of
 * managed groups, what AD holds for them right now (absent = gone from AD), the synced users found in AD
 * by SID within the OU filter, whether the forest has the Exchange schema, the cloud devices, and the groups
 * and computers found by SID within the OU filter (members synced from AD), and the cloud ids of the groups
 * touched since the last converged cycle (null: plan every group in full; see {@link Planner#plan(PlanInput, Set)}).
 */
public record PlanInput(
        SyncConfiguration config,
        Map<String, CloudGroup> cloudGroups,
        Map<String, CloudUser> cloudUsers,
        Map<String, Anchor> anchors,
        Map<ObjectGuid, AdGroup> managed,
        Map<Sid, DN> userDns,
        boolean exchangeSchema,
        Map<String, CloudDevice> cloudDevices,
        Map<Sid, AdPrincipal> principals,
        Set<String> touched) {

    /** A full plan (every group's members compared). */
    public PlanInput(SyncConfiguration config, Map<String, CloudGroup> cloudGroups, Map<String, CloudUser> cloudUsers,
            Map<String, Anchor> anchors, Map<ObjectGuid, AdGroup> managed, Map<Sid, DN> userDns,
            boolean exchangeSchema, Map<String, CloudDevice> cloudDevices, Map<Sid, AdPrincipal> principals) {
        this(config, cloudGroups, cloudUsers, anchors, managed, userDns, exchangeSchema, cloudDevices, principals,
                null);
    }

    /** Without devices, and without groups or computers found by SID. */
    public PlanInput(SyncConfiguration config, Map<String, CloudGroup> cloudGroups, Map<String, CloudUser> cloudUsers,
            Map<String, Anchor> anchors, Map<ObjectGuid, AdGroup> managed, Map<Sid, DN> userDns,
            boolean exchangeSchema) {
        this(config, cloudGroups, cloudUsers, anchors, managed, userDns, exchangeSchema, Map.of(), Map.of());
    }
}
