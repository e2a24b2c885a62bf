package org.groupwriteback.samba.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
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
    private static SambaCycle sync;

    @BeforeAll
    static void setUp(SambaDc dc) throws Exception {
        sync = SambaCycle.open(dc, data);
        try (LDAPConnection admin = dc.connectAdmin()) {
            sync.cloud.user("alice", SambaCycle.sid(admin, SambaDc.ALICE_DN).value())
                    .user("bob", SambaCycle.sid(admin, SambaDc.BOB_DN).value());
        }
        sync.cloud.user("carol", null);
        sync.cloud.group(new CloudGroup(GROUP_ID, "Project Phoenix", "cloud description", null, null,
                List.of(), true, false, null, List.of(), new WritebackConfiguration(true, "universalSecurityGroup"),
                Set.of(CloudMember.user("alice"), CloudMember.user("bob"), CloudMember.user("carol")), false));
    }

    @AfterAll
    static void tearDown() {
        if (sync != null) {
            sync.close();
        }
    }

    private static RunRecord cycle() {
        return sync.cycle();
    }

    private static Set<DN> dns(String[] values) throws Exception {
        return SambaCycle.dns(values);
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
}
