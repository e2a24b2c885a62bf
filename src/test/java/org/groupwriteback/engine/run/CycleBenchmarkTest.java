package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSnapshot;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints how long cycles take on the demo directory (initial writeback, a no-op cycle, a small delta) and
 * how long the state store takes to save and load a large snapshot. Run with {@code -Dgwb.bench=true}.
 * Asserts only correctness; the timings are printed, never asserted.
 */
@EnabledIfSystemProperty(named = "gwb.bench", matches = "true")
class CycleBenchmarkTest {
    @TempDir
    Path dir;

    @Test
    void cycleTimingsOnTheDemoDirectory() throws Exception {
        int groups = Integer.getInteger("gwb.bench.groups", 1000);
        int usersCount = 300;
        int membersPerGroup = 10;
        try (DemoDirectory demo = DemoDirectory.startDefault(0)) {
            DN ou = new DN("OU=Cloud Groups,OU=Corp," + demo.baseDn());
            DN usersOu = new DN("OU=Users,OU=Corp," + demo.baseDn());
            FakeCloud cloud = new FakeCloud();
            for (int u = 0; u < usersCount; u++) {
                Sid sid = new Sid(demo.domainSid() + "-" + (20_000 + u));
                demo.addUser(new DN(new RDN("CN", "Bench User " + u), usersOu), sid, "bench" + u);
                cloud.user("u" + u, sid.value());
            }
            List<String> ids = new ArrayList<>();
            for (int g = 0; g < groups; g++) {
                String id = UUID.randomUUID().toString();
                ids.add(id);
                CloudMember[] members = new CloudMember[membersPerGroup];
                for (int m = 0; m < membersPerGroup; m++) {
                    members[m] = CloudMember.user("u" + ((g * 7 + m * 13) % usersCount));
                }
                cloud.group(FakeCloud.security(id, "Bench group " + g, members));
            }
            SyncConfiguration config = new SyncConfiguration(
                    new SyncConfiguration.Cloud("https://login.test/t", "https://graph.test/v1.0", "c",
                            new SyncConfiguration.Credential("s", null, null), null),
                    new SyncConfiguration.Directory(demo.ldapUrl(), demo.bindDn().toString(), null, null,
                            demo.baseDn().toString()),
                    new SyncConfiguration.OuFilter(List.of("OU=Corp," + demo.baseDn()), List.of()),
                    new SyncConfiguration.GroupWriteback(true, ou.toString(), false, 50_000, false), 500, null);
            try (LdapDirectory ldap = LdapDirectory.open(config.directory(),
                    Secret.of("test password", demo.bindPassword().toCharArray()));
                    StateStore store = StateStore.open(dir)) {
                SyncCycle cycle = new SyncCycle(config, store, cloud, ldap, Planner::plan, Clock.systemUTC());
                RunRecord initial = cycle.run(Policy.DELTA, false, 0);
                assertThat(initial.status()).isEqualTo(RunStatus.SUCCESS);
                assertThat(initial.counts().creates()).isEqualTo(groups);
                RunRecord noop = cycle.run(Policy.DELTA, false, 0);
                assertThat(noop.counts().total()).isZero();
                for (int i = 0; i < 50; i++) {
                    cloud.group(FakeCloud.security(ids.get(i), "Renamed bench group " + i, CloudMember.user("u1")));
                }
                RunRecord delta = cycle.run(Policy.DELTA, false, 0);
                assertThat(delta.status()).isEqualTo(RunStatus.SUCCESS);
                System.out.printf(Locale.ROOT, "BENCH cycle groups=%d members/group=%d initial=%d ms noop=%d ms delta(50 groups)=%d ms%n",
                        groups, membersPerGroup, initial.durationMillis(), noop.durationMillis(), delta.durationMillis());

                CloudSnapshot big = new CloudSnapshot();
                for (int g = 0; g < 20_000; g++) {
                    big.putGroup(FakeCloud.security("big-" + g, "Big " + g, CloudMember.user("u1"), CloudMember.user("u2")));
                }
                long t0 = System.nanoTime();
                store.saveSnapshot(big);
                long t1 = System.nanoTime();
                CloudSnapshot back = store.loadSnapshot();
                long t2 = System.nanoTime();
                assertThat(back.groups()).hasSize(20_000 + groups);
                System.out.printf(Locale.ROOT, "BENCH state store: save 20000 groups=%d ms, load %d groups=%d ms%n",
                        (t1 - t0) / 1_000_000, back.groups().size(), (t2 - t1) / 1_000_000);
            }
        }
    }
}
