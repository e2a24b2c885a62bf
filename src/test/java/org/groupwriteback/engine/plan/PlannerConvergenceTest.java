package org.groupwriteback.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.rules.Eligibility;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.engine.rules.WritebackRules;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Random hostile tenants (seeded, so reproducible) evolving over several cycles: every plan must apply
 * cleanly to a simulated AD that enforces AD's rules, the next plan must be empty, and AD must then hold
 * exactly what the rules say.
 */
class PlannerConvergenceTest {
    private static final List<String> NAMES = List.of("Sales", "Sales", "sales", "Sales, EMEA", "R+D", "\"Quoted\"",
            "back\\slash", "#hash", "  padded  ", "Société 販売", "Party \uD83D\uDE00", "x".repeat(120),
            "*)(objectClass=*)", "<>;=", " ", "a=b+c=d", "y".repeat(50) + "\uD83D\uDE00", "tab\tname", "Team");
    private static final List<String> OUS = List.of(Fixtures.TARGET_OU, "OU=Moved,DC=fabrikam,DC=local",
            "OU=Ünïcode \\, comma,DC=fabrikam,DC=local");
    private static final List<String> TYPES = java.util.Arrays.asList(null, null, "universalDistributionGroup",
            "universalSecurityGroup", "universalMailEnabledSecurityGroup", "globalSecurityGroup");

    private Random random;
    private int ouIndex;
    private boolean byName;
    private int memberLimit;
    private boolean deleteWhenOff;

    /** Seeds 1..20 by default; {@code -Dconvergence.seeds=500} explores more. */
    static java.util.stream.IntStream seeds() {
        return java.util.stream.IntStream.rangeClosed(1, Integer.getInteger("convergence.seeds", 20));
    }

    @ParameterizedTest(name = "seed {0}")
    @org.junit.jupiter.params.provider.MethodSource("seeds")
    void randomTenantsConvergeAndAdMatchesTheRules(int seed) {
        random = new Random(seed);
        memberLimit = 4 + random.nextInt(12);
        deleteWhenOff = random.nextBoolean();
        byName = random.nextBoolean();
        Fixtures.Input in = new Fixtures.Input();
        in.exchangeSchema = random.nextBoolean();
        for (int u = 0; u < 40; u++) {
            int kind = random.nextInt(4);
            if (kind == 0) {
                in.users.put("u" + u, Fixtures.cloudOnlyUser(u));
            } else if (kind == 1) {
                in.users.put("u" + u, Fixtures.syncedUser(u)); // synced but out of scope: not in userDns
            } else {
                in.syncedUsers(u);
            }
        }
        List<String> ids = new ArrayList<>();
        for (int g = 0; g < 30; g++) {
            // some ids share their last 12 characters, so display-name DNs can collide
            ids.add(String.format("%08x-0000-4000-8000-%012x", g, random.nextInt(4) == 0 ? 7 : g));
        }
        for (String id : ids) {
            in.group(randomGroup(id, ids));
        }
        SimulatedAd ad = new SimulatedAd();
        for (int round = 0; round < 8; round++) {
            in.config = Fixtures.config(random.nextInt(10) != 0, OUS.get(ouIndex), byName, memberLimit, deleteWhenOff);
            Plan plan = Planner.plan(in.build());
            ad.apply(plan, in);
            Plan again = Planner.plan(in.build());
            // A DN freed in this cycle (its holder renamed, moved or deleted) is taken on the next one.
            for (int extra = 0; extra < 2 && !again.changes().isEmpty() && hasDnCollision(plan); extra++) {
                plan = again;
                ad.apply(plan, in);
                again = Planner.plan(in.build());
            }
            assertThat(again.changes()).as("seed %d round %d: plan after apply", seed, round).isEmpty();
            assertThat(again.problems()).isEqualTo(plan.problems());
            checkAdMatchesRules(in, plan);
            mutate(in, ids);
        }
    }

    private static boolean hasDnCollision(Plan plan) {
        return plan.problems().stream().anyMatch(p -> p.code().equals(Planner.PROBLEM_DN_COLLISION));
    }

    private CloudGroup randomGroup(String id, List<String> ids) {
        String name = NAMES.get(random.nextInt(NAMES.size()));
        Set<CloudMember> members = new HashSet<>();
        int n = random.nextInt(memberLimit + 3);
        for (int i = 0; i < n; i++) {
            int k = random.nextInt(10);
            if (k < 7) {
                members.add(CloudMember.user("u" + random.nextInt(45))); // u40..u44 are unknown users
            } else if (k < 9) {
                members.add(CloudMember.group(ids.get(random.nextInt(ids.size()))));
            } else {
                members.add(new CloudMember("device" + i, CloudMember.Kind.OTHER));
            }
        }
        Boolean enabled = switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> false;
            default -> true;
        };
        String type = TYPES.get(random.nextInt(TYPES.size()));
        int kind = random.nextInt(10);
        String nick = "n" + id.substring(0, 8);
        if (kind < 5) {
            return new CloudGroup(id, name, random.nextBoolean() ? null : "about " + name, nick, nick + "@f.com",
                    List.of("Unified"), false, true, null, List.of("SMTP:" + nick + "@f.com", "smtp:" + nick + "@g.com"),
                    new WritebackConfiguration(enabled, type), members, false);
        }
        if (kind < 8) {
            return new CloudGroup(id, name, null, nick, null, List.of(), true, false, null, List.of(),
                    new WritebackConfiguration(enabled, random.nextInt(5) == 0 ? type : null), members, false);
        }
        if (kind < 9) {
            return new CloudGroup(id, name, null, nick, nick + "@f.com", List.of(), random.nextBoolean(), true, null,
                    List.of(), new WritebackConfiguration(enabled, null), members, false);
        }
        return new CloudGroup(id, name, null, null, null, List.of(), true, false, true, List.of(),
                new WritebackConfiguration(enabled, null), members, false);
    }

    private void mutate(Fixtures.Input in, List<String> ids) {
        for (int i = 0; i < 6; i++) {
            String id = ids.get(random.nextInt(ids.size()));
            CloudGroup g = in.groups.get(id);
            switch (random.nextInt(9)) {
                case 0 -> in.groups.remove(id); // permanently deleted
                case 1 -> {
                    if (g != null) {
                        in.group(g.withSoftDeleted(!g.softDeleted()));
                    }
                }
                case 2, 3 -> in.group(randomGroup(id, ids)); // re-created / changed in every way
                case 4 -> {
                    if (g != null) {
                        in.group(new CloudGroup(id, NAMES.get(random.nextInt(NAMES.size())), g.description(),
                                g.mailNickname(), g.mail(), g.groupTypes(), g.securityEnabled(), g.mailEnabled(),
                                g.onPremisesSyncEnabled(), g.proxyAddresses(), g.writeback(), g.members(),
                                g.softDeleted()));
                    }
                }
                case 5 -> driftAd(in);
                case 6 -> ouIndex = random.nextInt(OUS.size());
                case 7 -> byName = !byName;
                default -> {
                    if (g != null) { // per-group writeback switched on, off or back to unset
                        Boolean[] choices = {null, Boolean.TRUE, Boolean.FALSE};
                        in.group(new CloudGroup(id, g.displayName(), g.description(), g.mailNickname(), g.mail(),
                                g.groupTypes(), g.securityEnabled(), g.mailEnabled(), g.onPremisesSyncEnabled(),
                                g.proxyAddresses(), new WritebackConfiguration(choices[random.nextInt(3)],
                                        g.writeback().onPremisesGroupType()), g.members(), g.softDeleted()));
                    }
                }
            }
        }
    }

    /** Someone edits or deletes managed groups directly in AD. */
    private void driftAd(Fixtures.Input in) {
        List<AdGroup> groups = new ArrayList<>(in.managed.values());
        if (groups.isEmpty()) {
            return;
        }
        groups.sort(java.util.Comparator.comparing(g -> g.guid().toString()));
        AdGroup g = groups.get(random.nextInt(groups.size()));
        switch (random.nextInt(3)) {
            case 0 -> in.managed.remove(g.guid());
            case 1 -> {
                Set<DN> members = new HashSet<>(g.members());
                members.add(Fixtures.userDn(1000 + random.nextInt(5)));
                if (!members.isEmpty() && random.nextBoolean()) {
                    members.remove(members.iterator().next());
                }
                in.managed.put(g.guid(), SimulatedAd.with(g, g.dn(), members));
            }
            default -> in.managed.put(g.guid(), new AdGroup(g.guid(), g.dn(), g.sid(), g.samAccountName(), 2,
                    "changed in AD", null, g.adminDescription(), "x@y.z", g.mailNickname(), List.of("SMTP:x@y.z"),
                    g.members()));
        }
    }

    /** After a converged cycle, AD holds exactly the desired state for every exported group. */
    private void checkAdMatchesRules(Fixtures.Input in, Plan plan) {
        boolean enabled = Boolean.TRUE.equals(in.config.groupWriteback().enabled());
        if (!enabled) {
            assertThat(in.managed).isEmpty();
            return;
        }
        Set<String> problems = new HashSet<>();
        plan.problems().forEach(p -> problems.add(p.cloudId()));
        DN ou = Fixtures.dn(OUS.get(ouIndex));
        Map<String, DN> dnOf = new java.util.HashMap<>();
        in.anchors.forEach((id, a) -> {
            AdGroup g = in.managed.get(a.guid());
            if (g != null) {
                dnOf.put(id, g.dn());
            }
        });
        for (CloudGroup g : in.groups.values()) {
            Eligibility e = WritebackRules.eligibility(g);
            if (!e.eligible() || problems.contains(g.id())) {
                continue;
            }
            AdGroup adGroup = in.managed.get(in.anchors.get(g.id()).guid());
            assertThat(adGroup).as("written back: %s", g.id()).isNotNull();
            DN desired = GroupNaming.dn(g, ou, byName);
            assertThat(adGroup.dn().getRDN().getAttributeValues()[0]).isEqualTo(GroupNaming.cn(g, byName));
            assertThat(adGroup.dn()).isEqualTo(desired);
            NewGroup expected = WritebackRules.newGroup(g, WritebackRules.targetType(g).type(), desired, in.exchangeSchema);
            assertThat(WritebackRules.attributeDiff(expected, adGroup, in.exchangeSchema)).isEmpty();
            Set<DN> members = WritebackRules.resolveMembers(g, in.users, in.userDns,
                    id -> Optional.ofNullable(dnOf.get(id)).filter(d -> {
                        CloudGroup member = in.groups.get(id);
                        return member != null && WritebackRules.eligibility(member).eligible();
                    })).members();
            assertThat(adGroup.members()).as("members of %s", g.id()).isEqualTo(members);
        }
        // nothing is left in AD for permanently deleted cloud groups
        for (String id : in.anchors.keySet()) {
            if (!in.groups.containsKey(id)) {
                assertThat(in.managed).doesNotContainKey(in.anchors.get(id).guid());
            }
        }
        for (CloudUser u : in.users.values()) {
            assertThat(u.id()).startsWith("u");
        }
    }
}
