package org.groupwriteback.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.graph.CloudMember;
import org.junit.jupiter.api.Test;

/**
 * A tenant of realistic shape at moderate size: plans it from scratch and again once AD matches, checks
 * the results and prints how long planning took (a number to watch, not an assertion). Size via
 * {@code -Dplanner.groups=N} (default 2,000 groups of 40 members, one nested group each).
 */
class PlannerScaleTest {

    @Test
    void plansALargeTenantAndFindsNothingToDoOnceAdMatches() {
        int groups = Integer.getInteger("planner.groups", 2_000);
        int membersPerGroup = 40;
        int users = groups * 4;
        Fixtures.Input in = new Fixtures.Input();
        for (int u = 0; u < users; u++) {
            in.syncedUsers(u);
        }
        for (int g = 0; g < groups; g++) {
            Set<CloudMember> members = new HashSet<>();
            for (int m = 0; m < membersPerGroup - 1; m++) {
                members.add(CloudMember.user("u" + ((g * 7 + m * 13) % users)));
            }
            members.add(CloudMember.group(Fixtures.id((g + 1) % groups)));
            in.group(Fixtures.m365(Fixtures.id(g), "Team " + g, true, null).withMembers(members));
        }
        in.config = Fixtures.config(true, true, 50_000, false);

        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        PlanInput first = in.build();
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        Plan initial = Planner.plan(first);
        long c1 = cpu.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        assertThat(initial.count(Change.Create.class)).isEqualTo(groups);
        assertThat(initial.count(Change.AddMembers.class)).isEqualTo(groups);
        long memberships = initial.changes().stream().filter(c -> c instanceof Change.AddMembers)
                .mapToLong(c -> ((Change.AddMembers) c).members().size()).sum();
        assertThat(memberships).isEqualTo((long) groups * membersPerGroup);

        // AD as the plan leaves it, built directly (the simulated AD checks are quadratic)
        Map<String, Set<DN>> members = new HashMap<>();
        initial.changes().forEach(c -> {
            if (c instanceof Change.AddMembers a) {
                members.put(a.cloudId(), Set.copyOf(a.members()));
            }
        });
        for (Change c : initial.changes()) {
            if (c instanceof Change.Create cr) {
                ObjectGuid guid = new ObjectGuid(UUID.nameUUIDFromBytes(cr.cloudId().getBytes()));
                AdGroup ad = Fixtures.adGroupFrom(cr.group(), guid, members.getOrDefault(cr.cloudId(), Set.of()));
                in.manage(cr.cloudId(), ad);
            }
        }
        PlanInput second = in.build();
        long t2 = System.nanoTime();
        long c2 = cpu.getCurrentThreadCpuTime();
        Plan steady = Planner.plan(second);
        long c3 = cpu.getCurrentThreadCpuTime();
        long t3 = System.nanoTime();
        assertThat(steady.changes()).isEmpty();
        System.out.printf("planner: %d groups, %d memberships: initial plan %d ms (cpu %d ms),"
                + " steady-state plan %d ms (cpu %d ms)%n", groups, memberships, (t1 - t0) / 1_000_000,
                (c1 - c0) / 1_000_000, (t3 - t2) / 1_000_000, (c3 - c2) / 1_000_000);
    }
}
