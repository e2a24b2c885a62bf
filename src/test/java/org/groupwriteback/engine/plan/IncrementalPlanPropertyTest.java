package org.groupwriteback.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.state.Anchor;

/**
 * The incremental plan ({@link Planner#plan(PlanInput, Set)}) equals the full plan: from a converged tenant and
 * AD, a random set of cloud changes (groups changed, renamed, deleted, members added or removed, users no longer
 * synced) and AD changes (members or attributes edited, groups deleted or renamed, users moved out of scope) is
 * planned with only the groups the cycle would mark as touched, and must give the full plan's changes and
 * problems.
 */
class IncrementalPlanPropertyTest {
    private static final List<String> NAMES = List.of("Sales", "sales", "Team", "R+D", "Ops", "Finance", "Sales, EMEA");

    @Property(tries = 150)
    void theIncrementalPlanEqualsTheFullPlan(@ForAll long seed) {
        Random random = new Random(seed);
        Fixtures.Input in = new Fixtures.Input();
        in.config = Fixtures.config(true, Fixtures.TARGET_OU, random.nextBoolean(), 12, random.nextBoolean());
        for (int u = 0; u < 30; u++) {
            if (random.nextInt(5) == 0) {
                in.users.put("u" + u, Fixtures.cloudOnlyUser(u));
            } else {
                in.syncedUsers(u);
            }
        }
        List<String> ids = new ArrayList<>();
        for (int g = 0; g < 25; g++) {
            ids.add(String.format("%08x-0000-4000-8000-%012x", g, random.nextInt(5) == 0 ? 3 : g));
        }
        for (String id : ids) {
            in.group(group(random, id, NAMES.get(random.nextInt(NAMES.size())), ids));
        }
        SimulatedAd ad = new SimulatedAd();
        for (int round = 0; round < 4; round++) {
            Plan plan = Planner.plan(in.build());
            if (plan.changes().isEmpty()) {
                break;
            }
            ad.apply(plan, in);
        }
        Plan converged = Planner.plan(in.build());
        if (!converged.changes().isEmpty()) {
            return; // still settling a name clash: the engine plans in full until a cycle is clean
        }

        Set<String> touched = new HashSet<>();
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            change(random, in, ids, touched);
        }

        Plan full = Planner.plan(in.build());
        Plan incremental = Planner.plan(in.build(), touched);

        assertThat(incremental.changes()).as("seed %d, touched %s", seed, touched).isEqualTo(full.changes());
        assertThat(incremental.problems()).isEqualTo(full.problems());
    }

    /** One change in the cloud or in AD; the cloud ids a cycle would mark as touched go to {@code touched}. */
    private static void change(Random random, Fixtures.Input in, List<String> ids, Set<String> touched) {
        String id = ids.get(random.nextInt(ids.size()));
        CloudGroup g = in.groups.get(id);
        switch (random.nextInt(9)) {
            case 0 -> { // deleted in the cloud
                in.groups.remove(id);
                touched.add(id);
            }
            case 1 -> { // changed in every way, or created again
                in.group(group(random, id, NAMES.get(random.nextInt(NAMES.size())), ids));
                touched.add(id);
            }
            case 2 -> { // renamed in the cloud
                if (g != null) {
                    in.group(with(g, NAMES.get(random.nextInt(NAMES.size())), g.members()));
                    touched.add(id);
                }
            }
            case 3 -> { // a member added or removed in the cloud
                if (g != null) {
                    Set<CloudMember> members = new HashSet<>(g.members());
                    CloudMember m = CloudMember.user("u" + random.nextInt(32));
                    if (!members.remove(m)) {
                        members.add(m);
                    }
                    in.group(with(g, g.displayName(), members));
                    touched.add(id);
                }
            }
            case 4 -> { // a user no longer synced (its groups change through its id)
                String user = "u" + random.nextInt(30);
                in.users.put(user, new CloudUser(user, null, null));
                touched.addAll(holdersOf(in, user));
            }
            case 5 -> { // a user moved out of the OU filter, or to another OU inside it
                int n = random.nextInt(30);
                CloudUser u = in.users.get("u" + n);
                if (u != null && u.onPremisesSecurityIdentifier() != null) {
                    if (random.nextBoolean()) {
                        in.userDns.remove(Fixtures.sid(1000 + n));
                    } else {
                        in.userDns.put(Fixtures.sid(1000 + n), Fixtures.dn("CN=User " + n + ",OU=Moved,"
                                + Fixtures.USERS_OU));
                    }
                    // AD rewrites the member values; the reader reads the holders again.
                    DN old = Fixtures.userDn(n);
                    for (Anchor a : in.anchors.values()) {
                        AdGroup held = in.managed.get(a.guid());
                        if (held != null && held.members().contains(old)) {
                            Set<DN> members = new HashSet<>(held.members());
                            members.remove(old);
                            if (in.userDns.containsKey(Fixtures.sid(1000 + n))) {
                                members.add(in.userDns.get(Fixtures.sid(1000 + n)));
                            }
                            in.managed.put(held.guid(), SimulatedAd.with(held, held.dn(), members));
                            touched.add(a.cloudId());
                        }
                    }
                    touched.addAll(holdersOf(in, "u" + n));
                }
            }
            default -> driftAd(random, in, touched);
        }
    }

    /** An admin edits, renames or deletes a managed group in AD; the reader reads it again (or finds it gone). */
    private static void driftAd(Random random, Fixtures.Input in, Set<String> touched) {
        List<Anchor> anchors = new ArrayList<>(in.anchors.values());
        anchors.removeIf(a -> !in.managed.containsKey(a.guid()));
        if (anchors.isEmpty()) {
            return;
        }
        anchors.sort(java.util.Comparator.comparing(Anchor::cloudId));
        Anchor a = anchors.get(random.nextInt(anchors.size()));
        AdGroup g = in.managed.get(a.guid());
        touched.add(a.cloudId());
        switch (random.nextInt(4)) {
            case 0 -> {
                in.managed.remove(g.guid());
                removeMemberEverywhere(in, g.dn(), null, touched);
            }
            case 1 -> {
                Set<DN> members = new HashSet<>(g.members());
                members.add(Fixtures.userDn(1000 + random.nextInt(5)));
                if (random.nextBoolean() && !g.members().isEmpty()) {
                    members.remove(g.members().iterator().next());
                }
                in.managed.put(g.guid(), SimulatedAd.with(g, g.dn(), members));
            }
            case 2 -> {
                DN renamed = Fixtures.dn("CN=Renamed by an admin " + random.nextInt(1000) + "," + Fixtures.TARGET_OU);
                in.managed.put(g.guid(), SimulatedAd.with(g, renamed, g.members()));
                removeMemberEverywhere(in, g.dn(), renamed, touched);
            }
            default -> in.managed.put(g.guid(), new AdGroup(g.guid(), g.dn(), g.sid(), g.samAccountName(), 2,
                    "changed in AD", null, g.adminDescription(), "x@y.z", g.mailNickname(), List.of("SMTP:x@y.z"),
                    g.members()));
        }
    }

    /** AD's own rewrite of member values when a member is deleted or renamed; the holders are read again. */
    private static void removeMemberEverywhere(Fixtures.Input in, DN old, DN now, Set<String> touched) {
        for (Anchor a : in.anchors.values()) {
            AdGroup held = in.managed.get(a.guid());
            if (held != null && held.members().contains(old)) {
                Set<DN> members = new HashSet<>(held.members());
                members.remove(old);
                if (now != null) {
                    members.add(now);
                }
                in.managed.put(held.guid(), SimulatedAd.with(held, held.dn(), members));
                touched.add(a.cloudId());
            }
        }
    }

    private static Set<String> holdersOf(Fixtures.Input in, String userId) {
        Set<String> out = new HashSet<>();
        for (CloudGroup g : in.groups.values()) {
            if (g.members().contains(CloudMember.user(userId))) {
                out.add(g.id());
            }
        }
        return out;
    }

    private static CloudGroup group(Random random, String id, String name, List<String> ids) {
        Set<CloudMember> members = new HashSet<>();
        int n = random.nextInt(14);
        for (int i = 0; i < n; i++) {
            if (random.nextInt(8) == 0) {
                members.add(CloudMember.group(ids.get(random.nextInt(ids.size()))));
            } else {
                members.add(CloudMember.user("u" + random.nextInt(32)));
            }
        }
        String nick = "n" + id.substring(0, 8);
        Boolean enabled = random.nextInt(6) == 0 ? Boolean.FALSE : Boolean.TRUE;
        if (random.nextBoolean()) {
            return new CloudGroup(id, name, "about " + name, nick, nick + "@f.com", List.of("Unified"), false, true,
                    null, List.of("SMTP:" + nick + "@f.com"), new WritebackConfiguration(enabled, null), members,
                    false);
        }
        return new CloudGroup(id, name, null, nick, null, List.of(), true, false, null, List.of(),
                new WritebackConfiguration(enabled, null), members, false);
    }

    private static CloudGroup with(CloudGroup g, String name, Set<CloudMember> members) {
        return new CloudGroup(g.id(), name, g.description(), g.mailNickname(), g.mail(), g.groupTypes(),
                g.securityEnabled(), g.mailEnabled(), g.onPremisesSyncEnabled(), g.proxyAddresses(), g.writeback(),
                members, g.softDeleted());
    }
}
