package org.groupwriteback.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.engine.state.Anchor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The planner against a real LDAP server (the demo directory, with AD's behaviour) through the real
 * {@link LdapDirectory}: hostile names are written, read back and found equal, so the next plan is empty;
 * renames, type changes and a move to an OU with a hostile name converge the same way.
 */
class PlannerOnDemoDirectoryTest {
    private static final List<String> HOSTILE = List.of("Sales, EMEA", "R+D", "\"Quoted\" group", "back\\slash",
            "#hash first", "  padded  ", "Société Générale 販売", "Party \uD83D\uDE00", "x".repeat(120),
            "*)(objectClass=*)", "<>;=", "a=b+c=d", "y".repeat(50) + "\uD83D\uDE00", "Sales, EMEA", "trailing\\");

    private DemoDirectory demo;
    private LdapDirectory ldap;
    private final Map<String, CloudGroup> groups = new HashMap<>();
    private final Map<String, CloudUser> users = new HashMap<>();
    private final Map<String, ObjectGuid> anchors = new HashMap<>();
    private DN corp;

    @BeforeEach
    void setUp() throws Exception {
        demo = DemoDirectory.startDefault(0);
        corp = new DN("OU=Corp," + demo.baseDn());
        DN usersOu = new DN("OU=Users," + corp);
        String[] names = {"O'Brien, Pat", "Ünal #1", " Lead+Space", "Back\\Slash"};
        for (int i = 0; i < names.length; i++) {
            Sid sid = new Sid(demo.domainSid() + "-" + (8001 + i));
            demo.addUser(new DN(new RDN("CN", names[i]), usersOu), sid, "hostile" + i);
            users.put("u" + i, new CloudUser("u" + i, sid.value(), true));
        }
        ldap = LdapDirectory.open(config(new DN("OU=Cloud Groups," + corp)).directory(),
                Secret.of("test password", demo.bindPassword().toCharArray()));
    }

    @AfterEach
    void tearDown() {
        ldap.close();
        demo.stop();
    }

    private SyncConfiguration config(DN targetOu) {
        return new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.test/t", "https://graph.test/v1.0",
                        "11111111-2222-3333-4444-555555555555", new SyncConfiguration.Credential("/s", null, null), null),
                new SyncConfiguration.Directory(demo.ldapUrl(), demo.bindDn().toString(), "/p", null,
                        demo.baseDn().toString()),
                new SyncConfiguration.OuFilter(List.of(corp.toString()), List.of()),
                new SyncConfiguration.GroupWriteback(true, targetOu.toString(), true, 50_000, false),
                500, new SyncConfiguration.Scheduler(true, 30));
    }

    /** Plans from what AD holds, applies through LdapDirectory, and returns the plan. */
    private Plan cycle(SyncConfiguration config) throws Exception {
        Map<ObjectGuid, AdGroup> managed = ldap.readGroups(anchors.values());
        Set<Sid> sids = new LinkedHashSet<>();
        users.values().forEach(u -> sids.add(new Sid(u.onPremisesSecurityIdentifier())));
        Map<Sid, DN> userDns = ldap.resolveUsers(sids, config.ouFilter());
        Map<String, Anchor> anchorMap = new HashMap<>();
        anchors.forEach((id, guid) -> anchorMap.put(id, new Anchor(id, guid, Anchor.Origin.CREATED, null, Instant.EPOCH)));
        Plan plan = Planner.plan(new PlanInput(config, Map.copyOf(groups), Map.copyOf(users), anchorMap, managed,
                userDns, ldap.test().exchangeSchema()));
        for (Change c : plan.changes()) {
            if (c instanceof Change.Create cr) {
                anchors.put(cr.cloudId(), ldap.createGroup(cr.group()));
            } else if (c instanceof Change.Move mv) {
                assertThat(ldap.moveOrRename(mv.from(), mv.to().getRDN(), mv.to().getParent())).isEqualTo(mv.to());
            } else if (c instanceof Change.Update up) {
                ldap.replaceAttributes(up.dn(), up.values());
            } else if (c instanceof Change.RemoveMembers rm) {
                ldap.removeMembers(rm.group(), rm.members());
            } else if (c instanceof Change.AddMembers am) {
                ldap.addMembers(am.group(), am.members());
            } else if (c instanceof Change.Delete d) {
                ldap.deleteGroup(d.dn());
                anchors.remove(d.cloudId());
            }
        }
        return plan;
    }

    private static String id(int n) {
        return String.format("%08x-1111-4111-8111-%012x", n * 7919, n);
    }

    private void tenant(int nameOffset, String m365Type) {
        for (int i = 0; i < HOSTILE.size(); i++) {
            Set<CloudMember> members = new HashSet<>();
            members.add(CloudMember.user("u" + (i % 4)));
            members.add(CloudMember.user("u" + ((i + 1) % 4)));
            if (i > 0) {
                members.add(CloudMember.group(id(i - 1)));
            }
            String name = HOSTILE.get((i + nameOffset) % HOSTILE.size());
            String nick = "g" + i;
            if (i % 2 == 0) {
                groups.put(id(i), new CloudGroup(id(i), name, "about " + name, nick, nick + "@fabrikam.test",
                        List.of("Unified"), false, true, null, List.of("SMTP:" + nick + "@fabrikam.test"),
                        new WritebackConfiguration(true, m365Type), members, false));
            } else {
                groups.put(id(i), new CloudGroup(id(i), name, null, nick, null, List.of(), true, false, null, List.of(),
                        new WritebackConfiguration(true, null), members, false));
            }
        }
    }

    @Test
    void hostileNamesRoundTripThroughLdapSoTheNextPlanIsEmpty() throws Exception {
        SyncConfiguration config = config(new DN("OU=Cloud Groups," + corp));
        tenant(0, null);
        Plan first = cycle(config);
        assertThat(first.problems()).isEmpty();
        assertThat(first.count(Change.Create.class)).isEqualTo(HOSTILE.size());
        assertThat(cycle(config).changes()).as("second plan").isEmpty();

        Map<ObjectGuid, AdGroup> read = ldap.readGroups(anchors.values());
        for (CloudGroup g : groups.values()) {
            AdGroup ad = read.get(anchors.get(g.id()));
            assertThat(ad.dn().getRDN().getAttributeValues()).containsExactly(GroupNaming.cn(g, true));
            assertThat(ad.displayName()).isEqualTo(g.displayName());
            assertThat(ad.members()).hasSize(g.members().size());
        }

        // every group renamed to another hostile name, M365 groups become security groups, target OU moves
        DN hostileOu = new DN(new RDN("OU", "Grüppen, #1+x "), corp);
        try (LDAPConnection c = demo.connection()) {
            c.add(new Entry(hostileOu.toString(), new Attribute("objectClass", "top", "organizationalUnit"),
                    new Attribute("ou", "Grüppen, #1+x ")));
        }
        Map<String, ObjectGuid> before = Map.copyOf(anchors);
        tenant(5, "universalSecurityGroup");
        SyncConfiguration moved = config(hostileOu);
        Plan second = cycle(moved);
        assertThat(second.problems()).isEmpty();
        assertThat(second.count(Change.Move.class)).isEqualTo(HOSTILE.size());
        assertThat(second.count(Change.Create.class)).isZero();
        assertThat(anchors).isEqualTo(before);
        assertThat(cycle(moved).changes()).as("plan after the move").isEmpty();

        read = ldap.readGroups(anchors.values());
        List<String> cns = new ArrayList<>();
        for (CloudGroup g : groups.values()) {
            AdGroup ad = read.get(anchors.get(g.id()));
            assertThat(ad.dn().getParent()).isEqualTo(hostileOu);
            assertThat(ad.groupType()).isEqualTo(-2147483640);
            assertThat(ad.mail()).isNull();
            cns.add(ad.dn().getRDN().getAttributeValues()[0]);
        }
        assertThat(cns).doesNotHaveDuplicates();
    }
}
