package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import java.util.UUID;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.UsnWatermark;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.engine.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental AD read ({@link AdReader} with a uSNChanged watermark, on by default) against the in-memory
 * directory: a cycle without change writes nothing and reads no group; drift made in AD between cycles (groups
 * deleted, renamed or moved, members added or removed, member users leaving or entering the OU filter) is healed
 * without a full read; the full read still runs when due, and a collision is not retried.
 */
class IncrementalAdReadTest {
    @TempDir
    Path dir;
    DemoCycleFixture f;
    DemoDirectory demo;
    LdapDirectory ldap;
    StateStore store;
    FakeCloud cloud;
    DN ou;
    DN alice;
    DN bob;
    final String sales = UUID.randomUUID().toString();
    final String ops = UUID.randomUUID().toString();

    @BeforeEach
    void setUp() throws Exception {
        f = DemoCycleFixture.start(dir, false);
        demo = f.demo;
        ldap = f.ldap;
        store = f.store;
        cloud = f.cloud;
        ou = f.targetOu;
        alice = f.user("alice", "Test Alice", 7001, "talice");
        bob = f.user("bob", "Test Bob", 7002, "tbob");
        cloud.group(FakeCloud.security(sales, "Test Sales", CloudMember.user("alice"), CloudMember.user("bob")));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    RunRecord cycle() {
        RunRecord r = f.cycle();
        assertThat(r.status()).as(r.message() + " " + r.exportErrors()).isIn(RunStatus.SUCCESS,
                RunStatus.COMPLETED_WITH_ERRORS);
        return r;
    }

    SearchResultEntry written(String cloudId) throws Exception {
        return f.written(cloudId);
    }

    @Test
    void theDirectoryPublishesAWatermarkThatMovesWithWrites() throws Exception {
        UsnWatermark before = ldap.watermark().orElseThrow();
        cycle();
        UsnWatermark after = ldap.watermark().orElseThrow();

        assertThat(after.invocationId()).isEqualTo(before.invocationId());
        assertThat(after.usn()).isGreaterThan(before.usn());
        assertThat(after.continues(before)).isTrue();
        assertThat(before.continues(after)).as("a USN that went back").isFalse();
        DN group = written(sales).getParsedDN();
        assertThat(ldap.changedSince(before.usn())).anyMatch(c -> c.group() && c.dn().equals(group));
        assertThat(ldap.changedSince(after.usn())).isEmpty();
    }

    @Test
    void aCycleWithoutChangeReadsNoGroupAndWritesNothing() throws Exception {
        cycle();
        cycle();
        DemoDirectory.OperationCounts before = demo.operationCounts();

        RunRecord quiet = cycle();

        DemoDirectory.OperationCounts after = demo.operationCounts();
        assertThat(quiet.counts().memberAdds() + quiet.counts().creates()).isZero();
        assertThat(after.writes() - before.writes()).isZero();
        assertThat(store.setting(AdReader.WATERMARK_USN)).isPresent();
        assertThat(store.adGroups()).hasSize(1);
    }

    @Test
    void driftMadeInAdBetweenCyclesIsReverted() throws Exception {
        cycle();
        cycle();
        DN group = written(sales).getParsedDN();
        try (LDAPConnection c = demo.connection()) {
            c.modify(group.toString(), new Modification(ModificationType.DELETE, "member", bob.toString()),
                    new Modification(ModificationType.REPLACE, "description", "changed by an admin"));
        }

        RunRecord r = cycle();

        assertThat(r.counts().memberAdds()).isEqualTo(1);
        assertThat(written(sales).getAttributeValues("member")).extracting(DN::new).containsExactlyInAnyOrder(alice,
                bob);
        assertThat(written(sales).getAttributeValue("description")).isNotEqualTo("changed by an admin");
    }

    @Test
    void aUserRenamedInAdCausesNoMemberChange() throws Exception {
        cycle();
        cycle();
        try (LDAPConnection c = demo.connection()) {
            c.modifyDN(alice.toString(), "CN=Test Alice Renamed", true);
        }
        DemoDirectory.OperationCounts before = demo.operationCounts();

        RunRecord r = cycle();

        assertThat(r.counts().memberAdds() + r.counts().memberRemoves()).isZero();
        assertThat(demo.operationCounts().writes() - before.writes()).isZero();
    }

    /** The time of the last full read: unchanged by a cycle that read incrementally. */
    String lastFullRead() {
        return store.setting(AdReader.LAST_FULL_READ).orElseThrow();
    }

    @Test
    void incrementalReadsAreTheDefault() throws Exception {
        cycle();
        String full = lastFullRead();
        DemoDirectory.OperationCounts before = demo.operationCounts();

        cycle();

        assertThat(lastFullRead()).as("no second full read").isEqualTo(full);
        assertThat(store.setting(AdReader.FULL_READ_HOURS)).isEmpty();
        assertThat(demo.operationCounts().writes() - before.writes()).isZero();
    }

    @Test
    void aGroupDeletedInAdIsRecreatedWithoutAFullRead() throws Exception {
        cycle();
        cycle();
        String full = lastFullRead();
        try (LDAPConnection c = demo.connection()) {
            c.delete(written(sales).getDN());
        }

        RunRecord r = cycle();

        assertThat(r.counts().creates()).isEqualTo(1);
        assertThat(written(sales).getAttributeValues("member")).extracting(DN::new).containsExactlyInAnyOrder(alice,
                bob);
        assertThat(lastFullRead()).isEqualTo(full);
    }

    @Test
    void aGroupRenamedInAdIsRenamedBack() throws Exception {
        cycle();
        cycle();
        String full = lastFullRead();
        DN group = written(sales).getParsedDN();
        try (LDAPConnection c = demo.connection()) {
            c.modifyDN(group.toString(), "CN=Renamed by an admin", true);
        }

        RunRecord r = cycle();

        assertThat(r.counts().renames() + r.counts().moves()).isEqualTo(1);
        assertThat(written(sales).getParsedDN()).isEqualTo(group);
        assertThat(lastFullRead()).isEqualTo(full);
    }

    @Test
    void aGroupMovedOutOfTheTargetOuIsMovedBack() throws Exception {
        cycle();
        cycle();
        String full = lastFullRead();
        DN group = written(sales).getParsedDN();
        DN elsewhere = new DN("OU=Elsewhere," + demo.baseDn());
        try (LDAPConnection c = demo.connection()) {
            c.add("dn: " + elsewhere, "objectClass: top", "objectClass: organizationalUnit", "ou: Elsewhere");
            c.modifyDN(group.toString(), group.getRDNString(), true, elsewhere.toString());
        }
        assertThat(written(sales)).as("moved out of the target OU").isNull();

        RunRecord r = cycle();

        assertThat(r.counts().moves()).isEqualTo(1);
        assertThat(written(sales).getParsedDN()).isEqualTo(group);
        assertThat(r.counts().creates()).isZero();
        assertThat(lastFullRead()).isEqualTo(full);
    }

    @Test
    void membersAddedOrRemovedByAnAdminAreReverted() throws Exception {
        DN carol = f.user("carol", "Test Carol", 7003, "tcarol");
        cycle();
        cycle();
        String full = lastFullRead();
        DN group = written(sales).getParsedDN();
        try (LDAPConnection c = demo.connection()) {
            c.modify(group.toString(), new Modification(ModificationType.ADD, "member", carol.toString()),
                    new Modification(ModificationType.DELETE, "member", alice.toString()));
        }

        RunRecord r = cycle();

        assertThat(r.counts().memberAdds()).isEqualTo(1);
        assertThat(r.counts().memberRemoves()).isEqualTo(1);
        assertThat(written(sales).getAttributeValues("member")).extracting(DN::new).containsExactlyInAnyOrder(alice,
                bob);
        assertThat(lastFullRead()).isEqualTo(full);
    }

    @Test
    void aMemberUserLeavingAndEnteringTheOuFilterLeavesAndJoinsTheGroup() throws Exception {
        cycle();
        cycle();
        String full = lastFullRead();
        DN outside = new DN("OU=Outside," + demo.baseDn());
        try (LDAPConnection c = demo.connection()) {
            c.add("dn: " + outside, "objectClass: top", "objectClass: organizationalUnit", "ou: Outside");
            c.modifyDN(bob.toString(), bob.getRDNString(), true, outside.toString());
        }

        RunRecord left = cycle();

        assertThat(left.counts().memberRemoves()).isEqualTo(1);
        assertThat(written(sales).getAttributeValues("member")).extracting(DN::new).containsExactly(alice);

        try (LDAPConnection c = demo.connection()) {
            c.modifyDN("CN=Test Bob," + outside, bob.getRDNString(), true, bob.getParentString());
        }

        RunRecord back = cycle();

        assertThat(back.counts().memberAdds()).isEqualTo(1);
        assertThat(written(sales).getAttributeValues("member")).extracting(DN::new).containsExactlyInAnyOrder(alice,
                bob);
        assertThat(lastFullRead()).isEqualTo(full);
    }

    @Test
    void aChangedOuFilterForcesAFullRead() throws Exception {
        cycle();
        String full = lastFullRead();
        store.putSetting(AdReader.SCOPE_HASH, "another configuration");

        cycle();

        assertThat(lastFullRead()).isNotEqualTo(full);
    }

    @Test
    void anotherDomainControllerForcesAFullRead() throws Exception {
        cycle();
        try (LDAPConnection c = demo.connection()) {
            c.delete(written(sales).getDN());
        }
        store.putSetting(AdReader.WATERMARK_INVOCATION, UUID.randomUUID().toString());

        RunRecord r = cycle();

        assertThat(r.counts().creates()).isEqualTo(1);
    }

    @Test
    void theFullReadIsDueAfterTheConfiguredInterval() throws Exception {
        cycle();
        try (LDAPConnection c = demo.connection()) {
            c.delete(written(sales).getDN());
        }
        store.putSetting(AdReader.FULL_READ_HOURS, "0");

        assertThat(cycle().counts().creates()).isEqualTo(1);
    }

    @Test
    void aCollisionIsNotRetriedUntilTheBlockingObjectGoes() throws Exception {
        cycle();
        cloud.group(FakeCloud.security(ops, "Test Ops", CloudMember.user("alice")));
        DN blocking = GroupNaming.dn(cloud.groups.get(ops), ou, false);
        try (LDAPConnection c = demo.connection()) {
            c.add("dn: " + blocking, "objectClass: top", "objectClass: group",
                    "cn: " + blocking.getRDN().getAttributeValues()[0], "sAMAccountName: someoneelse",
                    "groupType: -2147483646");
        }

        RunRecord refused = cycle();
        assertThat(refused.exportErrors()).hasSize(1);

        DemoDirectory.OperationCounts before = demo.operationCounts();
        RunRecord again = cycle();
        assertThat(again.exportErrors()).as("still reported").hasSize(1);
        assertThat(demo.operationCounts().writes() - before.writes()).as("no add sent again").isZero();

        try (LDAPConnection c = demo.connection()) {
            c.delete(blocking.toString());
        }
        RunRecord created = cycle();
        assertThat(created.exportErrors()).isEmpty();
        assertThat(created.counts().creates()).isEqualTo(1);
        assertThat(store.collisions()).isEmpty();
    }
}
