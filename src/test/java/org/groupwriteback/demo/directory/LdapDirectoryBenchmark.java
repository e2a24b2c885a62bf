package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.config.SyncConfiguration.OuFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Prints how long the LDAP adapter takes for a large group against the demo directory. Run with
 * {@code mvn -o -q test -Dtest=LdapDirectoryBenchmark -Dgwb.bench=true [-Dgwb.bench.members=20000]}.
 */
@EnabledIfSystemProperty(named = "gwb.bench", matches = "true")
class LdapDirectoryBenchmark {

    @Test
    void largeGroup() throws Exception {
        int n = Integer.getInteger("gwb.bench.members", 10_000);
        try (DemoDirectory demo = DemoDirectory.startDefault(0)) {
            DN users = new DN("OU=Users,OU=Corp," + demo.baseDn());
            List<DemoDirectory.User> bulk = new ArrayList<>();
            List<DN> members = new ArrayList<>();
            List<Sid> sids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                DN dn = new DN(new RDN("cn", "Bench " + i), users);
                Sid sid = new Sid(demo.domainSid().value() + "-" + (100_000 + i));
                bulk.add(new DemoDirectory.User(dn, sid, "bench" + i));
                members.add(dn);
                sids.add(sid);
            }
            long t = System.nanoTime();
            demo.addUsers(bulk);
            print("demo: add %d users in bulk", n, t);

            SyncConfiguration.Directory cfg = new SyncConfiguration.Directory(demo.ldapUrl(), demo.bindDn().toString(),
                    null, null, null);
            try (LdapDirectory directory = LdapDirectory.open(cfg,
                    Secret.of("test password", demo.bindPassword().toCharArray()))) {
                t = System.nanoTime();
                var resolved = directory.resolveUsers(sids, new OuFilter(List.of(users.toString()), List.of()));
                print("resolveUsers of %d SIDs", n, t);
                assertThat(resolved).hasSize(n);

                DN group = new DN("CN=Bench,OU=Cloud Groups,OU=Corp," + demo.baseDn());
                ObjectGuid guid = directory.createGroup(new NewGroup(group, "bench-group", -2147483640, "Bench", null,
                        "Group_bench", null, null, List.of()));
                t = System.nanoTime();
                directory.addMembers(group, members);
                print("addMembers %d (batches of 1,000)", n, t);

                demo.setMaxValRange(1_500);
                t = System.nanoTime();
                int read = directory.readGroups(List.of(guid)).get(guid).members().size();
                print("readGroups with %d members (range retrieval, 1,500 per chunk)", n, t);
                assertThat(read).isEqualTo(n);

                t = System.nanoTime();
                directory.removeMembers(group, members.subList(0, n / 2));
                print("removeMembers %d", n / 2, t);
            }
        }
    }

    private static void print(String what, int n, long start) {
        System.out.printf("BENCH %-70s %,8d ms%n", String.format(what, n), (System.nanoTime() - start) / 1_000_000);
    }
}
