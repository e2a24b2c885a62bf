package org.groupwriteback.samba.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.ad.permissions.WritebackPermissions;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.ImportReport;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
import org.groupwriteback.engine.run.SyncCycle;
import org.groupwriteback.engine.state.StateStore;
import org.groupwriteback.samba.SambaDc;
import org.groupwriteback.samba.SambaTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole sync cycles (real planner, H2 state, {@link LdapDirectory} over LDAPS as the delegated account) against
 * Samba: a cloud group is written back, an admin's edit of its members and description is reverted next cycle.
 */
@SambaTest
class SyncCycleOnSambaTest {
    private static final String GROUP_ID = "0b7c3a52-6f1e-4c57-9d3b-2f9a51c4e8d0";
    private static final DN GROUP_DN = new DN(new com.unboundid.ldap.sdk.RDN("CN", "Group_" + GROUP_ID),
            SambaDc.GROUPS_OU);

    @TempDir
    static Path data;
    private static StateStore store;
    private static LdapDirectory directory;
    private static SyncConfiguration config;
    private static final MemoryCloud cloud = new MemoryCloud();

    @BeforeAll
    static void setUp(SambaDc dc) throws Exception {
        try (LDAPConnection admin = dc.connectAdmin()) {
            WritebackPermissions.grant(SambaDc.GROUPS_OU, SambaDc.SERVICE_UPN, admin);
            cloud.users.put("alice", new CloudUser("alice", sid(admin, SambaDc.ALICE_DN).value(), true));
            cloud.users.put("bob", new CloudUser("bob", sid(admin, SambaDc.BOB_DN).value(), true));
        }
        cloud.users.put("carol", new CloudUser("carol", null, false));
        cloud.groups.put(GROUP_ID, new CloudGroup(GROUP_ID, "Project Phoenix", "cloud description", null, null,
                List.of(), true, false, null, List.of(), new WritebackConfiguration(true, "universalSecurityGroup"),
                Set.of(CloudMember.user("alice"), CloudMember.user("bob"), CloudMember.user("carol")), false));
        SyncConfiguration.Directory d = new SyncConfiguration.Directory(dc.ldapsUrl(), SambaDc.SERVICE_DN.toString(),
                null, dc.caCertificate().toString(), SambaDc.BASE_DN.toString());
        config = new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.test/t", "https://graph.test/v1.0", "client",
                        new SyncConfiguration.Credential("secret.txt", null, null), null),
                d, new SyncConfiguration.OuFilter(List.of(SambaDc.BASE_DN.toString()), List.of()),
                new SyncConfiguration.GroupWriteback(true, SambaDc.GROUPS_OU.toString(), false, 50_000, false),
                500, new SyncConfiguration.Scheduler(true, 30));
        directory = LdapDirectory.open(d, Secret.of("test password", SambaDc.SERVICE_PASSWORD.toCharArray()));
        store = StateStore.open(data);
    }

    @AfterAll
    static void tearDown() {
        if (directory != null) {
            directory.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static RunRecord cycle() {
        return new SyncCycle(config, store, cloud, directory, Planner::plan, Clock.systemUTC())
                .run(Policy.DELTA, false, 0);
    }

    @Test
    void writesTheGroupBackAndRevertsAnAdminsEditOnTheNextCycle(SambaDc dc) throws Exception {
        RunRecord first = cycle();
        assertThat(first.status()).as(first.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(first.counts().creates()).isEqualTo(1);
        assertThat(first.counts().memberAdds()).isEqualTo(2);

        try (LDAPConnection admin = dc.connectAdmin()) {
            SearchResultEntry written = admin.getEntry(GROUP_DN.toString(), "member", "description",
                    "adminDescription", "groupType", "objectGUID");
            assertThat(written).as("group written at " + GROUP_DN).isNotNull();
            assertThat(written.getAttributeValue("adminDescription")).isEqualTo("Group_" + GROUP_ID);
            assertThat(written.getAttributeValue("groupType")).isEqualTo("-2147483640");
            assertThat(dns(written.getAttributeValues("member"))).containsExactlyInAnyOrder(SambaDc.ALICE_DN,
                    SambaDc.BOB_DN);
            byte[] guid = written.getAttributeValueBytes("objectGUID");

            // drift: an admin removes Bob, adds Dist-Universal and rewrites the description
            admin.modify(GROUP_DN.toString(),
                    new Modification(ModificationType.DELETE, "member", SambaDc.BOB_DN.toString()),
                    new Modification(ModificationType.ADD, "member", SambaDc.DIST_UNIVERSAL_DN.toString()),
                    new Modification(ModificationType.REPLACE, "description", "edited in AD"));

            RunRecord second = cycle();
            assertThat(second.status()).as(second.toString()).isEqualTo(RunStatus.SUCCESS);
            assertThat(second.counts().memberAdds()).isEqualTo(1);
            assertThat(second.counts().memberRemoves()).isEqualTo(1);
            SearchResultEntry reverted = admin.getEntry(GROUP_DN.toString(), "member", "description", "objectGUID");
            assertThat(dns(reverted.getAttributeValues("member"))).containsExactlyInAnyOrder(SambaDc.ALICE_DN,
                    SambaDc.BOB_DN);
            assertThat(reverted.getAttributeValue("description")).isEqualTo("cloud description");
            assertThat(reverted.getAttributeValueBytes("objectGUID")).isEqualTo(guid);

            RunRecord third = cycle();
            assertThat(third.counts().total()).as("nothing left to do").isZero();
        }
    }

    private static Set<DN> dns(String[] values) throws Exception {
        Set<DN> out = new HashSet<>();
        for (String v : values == null ? new String[0] : values) {
            out.add(new DN(v));
        }
        return out;
    }

    private static Sid sid(LDAPConnection c, DN user) throws Exception {
        return Sid.fromBytes(c.getEntry(user.toString(), "objectSid").getAttributeValueBytes("objectSid"));
    }

    /** A tenant held in memory: each import copies what differs into the snapshot. */
    private static final class MemoryCloud implements CloudSource {
        final Map<String, CloudGroup> groups = new HashMap<>();
        final Map<String, CloudUser> users = new HashMap<>();
        private int link;

        @Override
        public TenantInfo test() {
            return new TenantInfo("t", "Test tenant", "corp.example.test");
        }

        @Override
        public ImportReport importInto(CloudSnapshot s, boolean full) {
            int changed = 0;
            for (CloudGroup g : groups.values()) {
                if (!Objects.equals(s.groups().get(g.id()), g)) {
                    s.putGroup(g);
                    changed++;
                }
            }
            users.values().forEach(u -> {
                if (!Objects.equals(s.users().get(u.id()), u)) {
                    s.putUser(u);
                }
            });
            s.setGroupsDeltaLink("delta-" + ++link);
            return new ImportReport(full, null, changed, 0, 0, users.size(), 0, 1);
        }

        @Override
        public void setWriteback(String groupId, WritebackConfiguration configuration) {
            groups.computeIfPresent(groupId, (k, g) -> g.withWriteback(configuration));
        }

        @Override
        public void close() {
        }
    }
}
