package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.demo.tenant.GeneratedUsers.GeneratedUser;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.groupwriteback.engine.ad.Sid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * demo-env with a tenant of generated members: every member in AD with its SID, start time printed. 5,000
 * members by default; 60,000 and 250,000 with {@code -Dgwb.bench=true}.
 */
class DemoEnvironmentGeneratedMembersTest {

    @Test
    void fiveThousandGeneratedMembersAreInTheDirectoryWithTheirSids(@TempDir Path tmp) throws Exception {
        Path tenantFile = tenantWithGeneratedMembers(tmp, 5_000);
        List<GeneratedUser> expected = TenantFixture.load(tenantFile).generatedUsers();
        assertThat(expected).hasSize(5_000);

        try (DemoEnvironment env = DemoEnvironment.start(tenantFile, null, 0, 0, tmp.resolve("state"));
                LDAPConnection c = env.directory().connection()) {
            Map<String, String> samBySid = new HashMap<>();
            for (SearchResultEntry e : c.search("OU=Generated Users," + env.directory().baseDn(), SearchScope.ONE,
                    Filter.createEqualityFilter("objectClass", "user"), "objectSid", "sAMAccountName")
                    .getSearchEntries()) {
                samBySid.put(Sid.fromBytes(e.getAttributeValueBytes("objectSid")).value(),
                        e.getAttributeValue("sAMAccountName"));
            }
            assertThat(samBySid).hasSize(expected.size());
            for (GeneratedUser u : expected) {
                assertThat(samBySid.get(u.sid())).as("generated user %s", u.sid()).isEqualTo(u.samAccountName());
            }
            GeneratedUser some = expected.get(1_234);
            SearchResultEntry bySid = c.searchForEntry(env.directory().baseDn().toString(), SearchScope.SUB,
                    Filter.createEqualityFilter("objectSid", new Sid(some.sid()).toBytes()), "sAMAccountName");
            assertThat(bySid.getAttributeValue("sAMAccountName")).isEqualTo(some.samAccountName());
            assertThat(Files.exists(env.configurationFile())).isTrue();
        }
    }

    /** Prints demo-env's start time with 60,000 and 250,000 generated members; {@code -Dgwb.bench=true}. */
    @Test
    @EnabledIfSystemProperty(named = "gwb.bench", matches = "true")
    void benchmarkStartWithSixtyAndTwoHundredFiftyThousandGeneratedMembers(@TempDir Path tmp) throws Exception {
        for (int count : new int[] {60_000, 250_000}) {
            Path dir = Files.createDirectories(tmp.resolve("n" + count));
            Path tenantFile = tenantWithGeneratedMembers(dir, count);
            long start = System.nanoTime();
            try (DemoEnvironment env = DemoEnvironment.start(tenantFile, null, 0, 0, dir.resolve("state"))) {
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.printf("DemoEnvironment.start with %,d generated members: %,d ms%n", count, millis);
                try (LDAPConnection c = env.directory().connection()) {
                    assertThat(c.search("OU=Generated Users," + env.directory().baseDn(), SearchScope.ONE,
                            Filter.createEqualityFilter("objectClass", "user"), "1.1").getEntryCount())
                            .isEqualTo(count);
                }
            }
        }
    }

    /** The demo tenant plus one writeback group with {@code count} generated members. */
    private static Path tenantWithGeneratedMembers(Path dir, int count) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tenant;
        try (InputStream in = DemoEnvironment.class.getResourceAsStream("/demo/tenant.json")) {
            tenant = (ObjectNode) json.readTree(in);
        }
        ObjectNode group = tenant.withArray("groups").addObject();
        group.put("id", "5ca1e000-0000-4000-8000-000000060000").put("displayName", "Everyone at scale")
                .put("mailNickname", "scale").put("securityEnabled", true).put("mailEnabled", false);
        group.putArray("groupTypes");
        group.putObject("writebackConfiguration").put("isEnabled", true).putNull("onPremisesGroupType");
        group.putArray("members");
        group.putObject("membersGenerated").put("count", count).put("prefix", "scale");
        Path tenantFile = dir.resolve("tenant.json");
        json.writeValue(tenantFile.toFile(), tenant);
        return tenantFile;
    }
}
