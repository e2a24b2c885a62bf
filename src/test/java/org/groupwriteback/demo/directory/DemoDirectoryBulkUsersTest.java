package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.engine.ad.Sid;
import org.junit.jupiter.api.Test;

/** The bulk load behind generated members: 60,000 users in seconds, each a normal synced user. */
class DemoDirectoryBulkUsersTest {

    private static final int COUNT = 60_000;

    @Test
    void sixtyThousandGeneratedUsersLoadInBulkAndAreFoundBySid() throws LDAPException {
        try (DemoDirectory d = DemoDirectory.startDefault(0); LDAPConnection c = d.connection()) {
            DN ou = new DN(new RDN("OU", "Generated Users"), d.baseDn());
            c.add(new Entry(ou.toString(), new Attribute("objectClass", "top", "organizationalUnit"),
                    new Attribute("ou", "Generated Users")));
            List<DemoDirectory.User> users = new ArrayList<>(COUNT);
            for (int i = 1; i <= COUNT; i++) {
                String sam = String.format("gen%06d", i);
                users.add(new DemoDirectory.User(new DN(new RDN("CN", sam), ou),
                        new Sid(d.domainSid().value() + "-" + (200_000 + i)), sam));
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            d.addUsers(users);
            long millis = (System.nanoTime() - start) / 1_000_000;
            long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
            // Wall time depends on what else the machine runs; CPU time is the cost of the load itself.
            System.out.printf("DemoDirectory.addUsers: %,d users in %,d ms (%,d ms CPU)%n", COUNT, millis, cpuMillis);

            assertThat(c.search(ou.toString(), SearchScope.ONE, Filter.createPresenceFilter("objectSid"), "1.1")
                    .getEntryCount()).isEqualTo(COUNT);
            byte[] sid = new Sid(d.domainSid().value() + "-" + (200_000 + 12_345)).toBytes();
            SearchResultEntry e = c.searchForEntry(d.baseDn().toString(), SearchScope.SUB,
                    Filter.createEqualityFilter("objectSid", sid), "sAMAccountName", "sAMAccountType", "objectGUID");
            assertThat(e.getAttributeValue("sAMAccountName")).isEqualTo("gen012345");
            assertThat(e.getAttributeValue("sAMAccountType")).isEqualTo("805306368");
            assertThat(e.getAttributeValueBytes("objectGUID")).hasSize(16);
        }
    }
}
