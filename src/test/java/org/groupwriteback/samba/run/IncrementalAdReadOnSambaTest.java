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
 * Incremental AD reads (the default) against Samba's own USNs and invocationId: after the first full read, an
 * admin deleting, renaming and editing the written-back group is healed by cycles that read only what changed,
 * with no second full read.
 */
@SambaTest
class IncrementalAdReadOnSambaTest {
    private static final String GROUP_ID = "5d2e8f31-9a4b-4c1e-8f7d-3b6a2c9e1f40";
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
        sync.cloud.group(new CloudGroup(GROUP_ID, "Incremental Phoenix", "cloud description", null, null,
                List.of(), true, false, null, List.of(), new WritebackConfiguration(true, "universalSecurityGroup"),
                Set.of(CloudMember.user("alice"), CloudMember.user("bob")), false));
    }

    @AfterAll
    static void tearDown() {
        if (sync != null) {
            sync.close();
        }
    }

    private static RunRecord cycle() {
        RunRecord r = sync.cycle();
        assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.SUCCESS);
        return r;
    }

    private static String lastFullRead() {
        return sync.store.setting("ad.lastFullRead").orElseThrow();
    }

    @Test
    void deletesRenamesAndMemberEditsMadeInSambaAreHealedByIncrementalReads(SambaDc dc) throws Exception {
        assertThat(cycle().counts().creates()).isEqualTo(1);
        String full = lastFullRead();
        RunRecord quiet = cycle();
        assertThat(quiet.counts().creates() + quiet.counts().memberAdds() + quiet.counts().updates()).isZero();

        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.delete(GROUP_DN.toString());
        }
        assertThat(cycle().counts().creates()).as("deleted in AD: written again").isEqualTo(1);

        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.modifyDN(GROUP_DN.toString(), "CN=Renamed by an admin", true);
        }
        RunRecord renamed = cycle();
        assertThat(renamed.counts().renames()).as("renamed in AD: renamed back").isEqualTo(1);

        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.modify(GROUP_DN.toString(), new Modification(ModificationType.DELETE, "member",
                    SambaDc.BOB_DN.toString()));
        }
        RunRecord edited = cycle();
        assertThat(edited.counts().memberAdds()).as("member removed in AD: added back").isEqualTo(1);

        try (LDAPConnection admin = dc.connectAdmin()) {
            SearchResultEntry written = admin.getEntry(GROUP_DN.toString(), "member");
            assertThat(written).isNotNull();
            assertThat(SambaCycle.dns(written.getAttributeValues("member")))
                    .containsExactlyInAnyOrder(SambaDc.ALICE_DN, SambaDc.BOB_DN);
        }
        assertThat(lastFullRead()).as("no full read after the first cycle").isEqualTo(full);
    }
}
