package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.groupwriteback.engine.ad.Sid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The bulk load behind generated members: each user a normal synced user with its SID, findable by SID, with
 * unique system attributes. 5,000 users by default; the 60,000 and 250,000 timings run with
 * {@code -Dgwb.bench=true}.
 */
class DemoDirectoryBulkUsersTest {

    private static final int RID_BASE = 200_000;

    @Test
    void fiveThousandUsersLoadInBulkEachWithItsSidAndUniqueSystemAttributes() throws LDAPException {
        int count = 5_000;
        try (DemoDirectory d = DemoDirectory.startDefault(0); LDAPConnection c = d.connection()) {
            DN ou = generatedOu(d, c);
            long usnBefore = d.highestCommittedUsn();
            load(d, ou, count);

            Map<String, String> samBySid = new HashMap<>();
            Set<String> guids = new HashSet<>();
            Set<String> usns = new HashSet<>();
            for (SearchResultEntry e : c.search(ou.toString(), SearchScope.ONE,
                    Filter.createEqualityFilter("objectClass", "user"), "objectSid", "sAMAccountName", "objectGUID",
                    "uSNCreated", "uSNChanged", "sAMAccountType", "userPrincipalName").getSearchEntries()) {
                String sam = e.getAttributeValue("sAMAccountName");
                samBySid.put(Sid.fromBytes(e.getAttributeValueBytes("objectSid")).value(), sam);
                assertThat(e.getAttributeValueBytes("objectGUID")).hasSize(16);
                guids.add(new String(e.getAttributeValueBytes("objectGUID"), StandardCharsets.ISO_8859_1));
                assertThat(e.getAttributeValueAsLong("uSNCreated")).isGreaterThan(usnBefore)
                        .isEqualTo(e.getAttributeValueAsLong("uSNChanged"));
                usns.add(e.getAttributeValue("uSNCreated"));
                assertThat(e.getAttributeValue("sAMAccountType")).isEqualTo("805306368");
                assertThat(e.getAttributeValue("userPrincipalName")).isEqualTo(sam + "@fabrikam.local");
            }
            assertThat(samBySid).hasSize(count);
            for (int i = 1; i <= count; i++) {
                assertThat(samBySid.get(sid(d, i).value())).as("user with RID %d", RID_BASE + i).isEqualTo(sam(i));
            }
            assertThat(guids).hasSize(count);
            assertThat(usns).hasSize(count);
            assertThat(d.highestCommittedUsn()).isEqualTo(usnBefore + count);

            for (int i : new int[] {1, 2_345, count}) {
                SearchResultEntry e = c.searchForEntry(d.baseDn().toString(), SearchScope.SUB,
                        Filter.createEqualityFilter("objectSid", sid(d, i).toBytes()), "sAMAccountName");
                assertThat(e).as("user with RID %d found by objectSid", RID_BASE + i).isNotNull();
                assertThat(e.getAttributeValue("sAMAccountName")).isEqualTo(sam(i));
            }
        }
    }

    @Test
    void ldapAddsAfterABulkLoadStillGetAdStampingAndUniqueSamAccountNames() throws LDAPException {
        try (DemoDirectory d = DemoDirectory.startDefault(0); LDAPConnection c = d.connection()) {
            DN ou = generatedOu(d, c);
            load(d, ou, 100);
            long usnAfterBulk = d.highestCommittedUsn();

            assertThatThrownBy(() -> c.add(new Entry("CN=Someone Else," + ou,
                    new Attribute("objectClass", "top", "person", "organizationalPerson", "user"),
                    new Attribute("sAMAccountName", sam(42)))))
                    .isInstanceOfSatisfying(LDAPException.class,
                            e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS));

            DN added = d.addUser(new DN(new RDN("CN", "late"), ou), sid(d, 101), "late");
            SearchResultEntry e = c.getEntry(added.toString(), "uSNCreated", "objectGUID", "objectSid");
            assertThat(e.getAttributeValueAsLong("uSNCreated")).isGreaterThan(usnAfterBulk);
            assertThat(e.getAttributeValueBytes("objectGUID")).hasSize(16);
            assertThat(Sid.fromBytes(e.getAttributeValueBytes("objectSid"))).isEqualTo(sid(d, 101));
        }
    }

    @Test
    void aBulkLoadWithAUserThatExistsAddsNone() throws LDAPException {
        try (DemoDirectory d = DemoDirectory.startDefault(0); LDAPConnection c = d.connection()) {
            DN ou = generatedOu(d, c);
            load(d, ou, 10);
            List<DemoDirectory.User> again = users(d, ou, 20);
            assertThatThrownBy(() -> d.addUsers(again)).isInstanceOfSatisfying(LDAPException.class,
                    e -> assertThat(e.getResultCode()).isEqualTo(ResultCode.ENTRY_ALREADY_EXISTS));
            assertThat(c.search(ou.toString(), SearchScope.ONE, Filter.createPresenceFilter("objectSid"), "1.1")
                    .getEntryCount()).isEqualTo(10);
        }
    }

    /** Prints the bulk load time of 60,000 and 250,000 users (wall and CPU); {@code -Dgwb.bench=true}. */
    @Test
    @EnabledIfSystemProperty(named = "gwb.bench", matches = "true")
    void benchmarkSixtyAndTwoHundredFiftyThousandUsers() throws LDAPException {
        for (int count : new int[] {60_000, 250_000}) {
            try (DemoDirectory d = DemoDirectory.startDefault(0); LDAPConnection c = d.connection()) {
                DN ou = generatedOu(d, c);
                List<DemoDirectory.User> users = users(d, ou, count);
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                d.addUsers(users);
                long millis = (System.nanoTime() - start) / 1_000_000;
                long cpuMillis = (threads.getCurrentThreadCpuTime() - cpuStart) / 1_000_000;
                // Wall time depends on what else the machine runs; CPU time is the cost of the load itself.
                System.out.printf("DemoDirectory.addUsers: %,d users in %,d ms (%,d ms CPU)%n", count, millis,
                        cpuMillis);
                assertThat(c.search(ou.toString(), SearchScope.ONE, Filter.createPresenceFilter("objectSid"), "1.1")
                        .getEntryCount()).isEqualTo(count);
            }
        }
    }

    private static DN generatedOu(DemoDirectory d, LDAPConnection c) throws LDAPException {
        DN ou = new DN(new RDN("OU", "Generated Users"), d.baseDn());
        c.add(new Entry(ou.toString(), new Attribute("objectClass", "top", "organizationalUnit"),
                new Attribute("ou", "Generated Users")));
        return ou;
    }

    private static void load(DemoDirectory d, DN ou, int count) throws LDAPException {
        d.addUsers(users(d, ou, count));
    }

    private static List<DemoDirectory.User> users(DemoDirectory d, DN ou, int count) {
        List<DemoDirectory.User> users = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            users.add(new DemoDirectory.User(new DN(new RDN("CN", sam(i)), ou), sid(d, i), sam(i)));
        }
        return users;
    }

    private static Sid sid(DemoDirectory d, int i) {
        return new Sid(d.domainSid().value() + "-" + (RID_BASE + i));
    }

    private static String sam(int i) {
        return String.format("gen%06d", i);
    }
}
