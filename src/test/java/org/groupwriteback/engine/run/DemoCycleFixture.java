package org.groupwriteback.engine.run;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.state.StateStore;

/**
 * The setup shared by the SyncCycle tests on the in-memory demo directory: a started demo directory, an
 * {@link LdapDirectory} bound as its sync account, a state store in a temporary folder, a {@link FakeCloud}, and a
 * configuration whose OU filter is {@code OU=Corp} and whose target OU ({@link #targetOu}) tests may change.
 */
final class DemoCycleFixture implements AutoCloseable {
    final Path dir;
    final DemoDirectory demo;
    final LdapDirectory ldap;
    final FakeCloud cloud = new FakeCloud();
    StateStore store;
    DN targetOu;
    boolean byDisplayName;

    private DemoCycleFixture(Path dir, boolean exchangeSchema) throws Exception {
        this.dir = dir;
        this.demo = DemoDirectory.startDefault(0, exchangeSchema);
        this.targetOu = new DN("OU=Cloud Groups,OU=Corp," + demo.baseDn());
        this.ldap = LdapDirectory.open(config().directory(),
                Secret.of("test password", demo.bindPassword().toCharArray()));
        this.store = StateStore.open(dir);
    }

    /** Starts the demo directory (with or without the Exchange schema extension) and opens everything on it. */
    static DemoCycleFixture start(Path dir, boolean exchangeSchema) throws Exception {
        return new DemoCycleFixture(dir, exchangeSchema);
    }

    SyncConfiguration config() {
        return new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.test/t", "https://graph.test/v1.0", "client",
                        new SyncConfiguration.Credential("secret.txt", null, null), null),
                new SyncConfiguration.Directory(demo.ldapUrl(), demo.bindDn().toString(), null, null,
                        demo.baseDn().toString()),
                new SyncConfiguration.OuFilter(List.of("OU=Corp," + demo.baseDn()), List.of()),
                new SyncConfiguration.GroupWriteback(true, targetOu.toString(), byDisplayName, 50_000, false),
                500, new SyncConfiguration.Scheduler(true, 30));
    }

    /** An AD user under {@code OU=Users,OU=Corp} with the domain SID plus {@code rid}, known to the fake cloud. */
    DN user(String cloudId, String name, int rid, String samAccountName) throws LDAPException {
        Sid sid = new Sid(demo.domainSid() + "-" + rid);
        DN dn = demo.addUser(new DN("CN=" + name + ",OU=Users,OU=Corp," + demo.baseDn()), sid, samAccountName);
        cloud.user(cloudId, sid.value());
        return dn;
    }

    /** One delta cycle with the real planner; the record is returned whatever its status. */
    RunRecord cycle() {
        return new SyncCycle(config(), store, cloud, ldap, Planner::plan, Clock.systemUTC()).run(Policy.DELTA, false, 0);
    }

    /** The entry group-writeback wrote for {@code cloudId} under the target OU, or null. */
    SearchResultEntry written(String cloudId) throws LDAPException {
        try (LDAPConnection c = demo.connection()) {
            List<SearchResultEntry> found = c.search(targetOu.toString(), SearchScope.SUB,
                    Filter.createEqualityFilter("adminDescription", "Group_" + cloudId), "*").getSearchEntries();
            if (found.size() > 1) {
                throw new AssertionError("duplicate groups written for " + cloudId + ": " + found);
            }
            return found.isEmpty() ? null : found.get(0);
        }
    }

    /** Closes and reopens the state store, as a new process would. */
    void reopenStore() {
        store.close();
        store = StateStore.open(dir);
    }

    @Override
    public void close() {
        store.close();
        ldap.close();
        demo.stop();
    }
}
