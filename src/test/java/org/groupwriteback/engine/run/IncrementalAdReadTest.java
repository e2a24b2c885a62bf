package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.ad.UsnWatermark;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incremental AD read ({@link AdReader} with a uSNChanged watermark) against the in-memory directory: a
 * cycle without change writes nothing and reads no group, drift made in AD between cycles is still reverted,
 * what USNs cannot show (a deleted group) is found by the full read, and a collision is not retried.
 */
class IncrementalAdReadTest {
    @TempDir
    Path dir;
    DemoDirectory demo;
    LdapDirectory ldap;
    StateStore store;
    final FakeCloud cloud = new FakeCloud();
    DN ou;
    DN alice;
    DN bob;
    final String sales = UUID.randomUUID().toString();
    final String ops = UUID.randomUUID().toString();

    SyncConfiguration config() {
        return new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.test/t", "https://graph.test/v1.0", "client",
                        new SyncConfiguration.Credential("secret.txt", null, null), null),
                new SyncConfiguration.Directory(demo.ldapUrl(), demo.bindDn().toString(), null, null,
                        demo.baseDn().toString()),
                new SyncConfiguration.OuFilter(List.of("OU=Corp," + demo.baseDn()), List.of()),
                new SyncConfiguration.GroupWriteback(true, ou.toString(), false, 50_000, false),
                500, new SyncConfiguration.Scheduler(true, 30));
    }

    @BeforeEach
    void setUp() throws Exception {
        demo = DemoDirectory.startDefault(0);
        ou = new DN("OU=Cloud Groups,OU=Corp," + demo.baseDn());
        DN users = new DN("OU=Users,OU=Corp," + demo.baseDn());
        Sid aliceSid = new Sid(demo.domainSid() + "-7001");
        Sid bobSid = new Sid(demo.domainSid() + "-7002");
        alice = demo.addUser(new DN("CN=Test Alice," + users), aliceSid, "talice");
        bob = demo.addUser(new DN("CN=Test Bob," + users), bobSid, "tbob");
        cloud.user("alice", aliceSid.value()).user("bob", bobSid.value());
        cloud.group(FakeCloud.security(sales, "Test Sales", CloudMember.user("alice"), CloudMember.user("bob")));
        ldap = LdapDirectory.open(config().directory(), Secret.of("test password", demo.bindPassword().toCharArray()));
        store = StateStore.open(dir);
        // Incremental reads are opt-in (the default is a full read every cycle): these tests turn them on.
        store.putSetting(AdReader.FULL_READ_HOURS, "24");
    }

    @AfterEach
    void tearDown() {
        store.close();
        ldap.close();
        demo.stop();
    }

    RunRecord cycle() {
        RunRecord r = new SyncCycle(config(), store, cloud, ldap, Planner::plan, Clock.systemUTC())
                .run(Policy.DELTA, false, 0);
        assertThat(r.status()).as(r.message() + " " + r.exportErrors()).isIn(RunStatus.SUCCESS,
                RunStatus.COMPLETED_WITH_ERRORS);
        return r;
    }

    SearchResultEntry written(String cloudId) throws Exception {
        try (LDAPConnection c = demo.connection()) {
            List<SearchResultEntry> found = c.search(ou.toString(), SearchScope.SUB,
                    Filter.createEqualityFilter("adminDescription", "Group_" + cloudId), "*").getSearchEntries();
            return found.isEmpty() ? null : found.get(0);
        }
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

    @Test
    void aGroupDeletedInAdIsFoundByTheFullReadOnly() throws Exception {
        cycle();
        cycle();
        try (LDAPConnection c = demo.connection()) {
            c.delete(written(sales).getDN());
        }

        cycle();
        assertThat(written(sales)).as("deletions are not visible by USN: the incremental read misses it").isNull();

        store.putSetting(EngineSettings.AD_FULL_READ_PENDING, "test");
        RunRecord full = cycle();

        assertThat(full.counts().creates()).isEqualTo(1);
        assertThat(written(sales)).isNotNull();
        assertThat(store.setting(EngineSettings.AD_FULL_READ_PENDING)).isEmpty();
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
        DN blocking = WritebackRules.dn(cloud.groups.get(ops), ou, false);
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
