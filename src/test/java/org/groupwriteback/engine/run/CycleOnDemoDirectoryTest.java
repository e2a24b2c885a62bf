package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SyncCycle with the real planner and LdapDirectory against the in-memory demo directory. */
class CycleOnDemoDirectoryTest {
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
    final String salesEu = UUID.randomUUID().toString();
    final String team = UUID.randomUUID().toString();

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
        cloud.user("carol", null);
        cloud.group(FakeCloud.security(sales, "Test Sales", CloudMember.user("alice"), CloudMember.user("carol"),
                CloudMember.group(salesEu)));
        cloud.group(FakeCloud.security(salesEu, "Test Sales EU", CloudMember.user("bob")));
        cloud.group(new CloudGroup(team, "Test Team", "a Microsoft 365 group", "testteam", "testteam@fabrikam.test",
                List.of("Unified"), false, true, null, List.of("SMTP:testteam@fabrikam.test"), null,
                Set.of(CloudMember.user("alice"), CloudMember.user("bob")), false));
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    RunRecord cycle() {
        return f.cycle();
    }

    /** LdapDirectory that lets the process "die" right after its first successful create. */
    Directory crashingAfterFirstCreate() {
        return (Directory) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Directory.class}, (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(ldap, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    if (method.getName().equals("createGroup")) {
                        throw new FakeDirectory.SimulatedCrash();
                    }
                    return result;
                });
    }

    @Test
    void aCrashAfterCreatingAGroupInAdIsHealedWithoutADuplicate() throws Exception {
        SyncCycle crashing = new SyncCycle(f.config(), store, cloud, crashingAfterFirstCreate(), Planner::plan,
                Clock.systemUTC());
        assertThatThrownBy(() -> crashing.run(Policy.DELTA, false, 0)).isInstanceOf(FakeDirectory.SimulatedCrash.class);
        assertThat(store.anchors()).isEmpty();
        f.reopenStore();
        store = f.store;

        RunRecord healed = cycle();

        assertThat(healed.status()).as(healed.message() + " " + healed.exportErrors()).isEqualTo(RunStatus.SUCCESS);
        assertThat(healed.counts().creates()).as("one create was healed, not repeated").isEqualTo(2);
        assertThat(store.anchors()).containsOnlyKeys(sales, salesEu, team);
        written(sales);
        written(salesEu);
        written(team);
        assertThat(cycle().counts().total()).isZero();
    }

    SearchResultEntry written(String cloudId) throws Exception {
        SearchResultEntry e = f.written(cloudId);
        assertThat(e).as("written back: " + cloudId).isNotNull();
        return e;
    }

    @Test
    void initialWritebackThenIdempotentSecondCycleThenDeltaChanges() throws Exception {
        RunRecord first = cycle();

        assertThat(first.status()).as(first.message() + " " + first.exportErrors()).isEqualTo(RunStatus.SUCCESS);
        assertThat(first.counts().creates()).isEqualTo(3);
        assertThat(first.counts().memberAdds()).isEqualTo(5);
        assertThat(first.skippedMembers().cloudOnlyUsers()).isEqualTo(1);
        SearchResultEntry salesEntry = written(sales);
        SearchResultEntry euEntry = written(salesEu);
        assertThat(salesEntry.getAttributeValues("member")).extracting(DN::new)
                .containsExactlyInAnyOrder(alice, euEntry.getParsedDN());
        assertThat(store.anchors()).containsOnlyKeys(sales, salesEu, team);

        long usn = demo.highestCommittedUsn();
        RunRecord second = cycle();
        assertThat(second.status()).isEqualTo(RunStatus.SUCCESS);
        assertThat(second.counts().total()).isZero();
        assertThat(demo.highestCommittedUsn()).as("second cycle writes nothing to AD").isEqualTo(usn);

        cloud.group(FakeCloud.security(salesEu, "Test Sales Europe"));
        cloud.groups.remove(team);
        RunRecord third = cycle();
        assertThat(third.status()).as(third.message() + " " + third.exportErrors()).isEqualTo(RunStatus.SUCCESS);
        assertThat(third.counts().deletes()).isEqualTo(1);
        assertThat(third.counts().memberRemoves()).isEqualTo(1);
        assertThat(third.counts().updates()).isGreaterThanOrEqualTo(1);
        assertThat(written(salesEu).getAttributeValue("displayName")).isEqualTo("Test Sales Europe");
        assertThat(written(salesEu).getAttributeValues("member")).isNull();
        assertThat(store.anchors()).containsOnlyKeys(sales, salesEu);
        try (LDAPConnection c = demo.connection()) {
            assertThat(c.search(ou.toString(), SearchScope.SUB, Filter.createEqualityFilter("adminDescription",
                    "Group_" + team)).getEntryCount()).isZero();
        }
        assertThat(cycle().counts().total()).isZero();
    }
}
