package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.groupwriteback.demo.DemoEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** demo-env with a tenant of 60,000 generated members: start time printed, every member in AD. */
class DemoEnvironmentGeneratedMembersTest {

    private static final int COUNT = 60_000;

    @Test
    void sixtyThousandGeneratedMembersStartQuickly(@TempDir Path tmp) throws Exception {
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
        group.putObject("membersGenerated").put("count", COUNT).put("prefix", "scale");
        Path tenantFile = tmp.resolve("tenant.json");
        json.writeValue(tenantFile.toFile(), tenant);

        long start = System.nanoTime();
        try (DemoEnvironment env = DemoEnvironment.start(tenantFile, null, 0, 0, tmp.resolve("state"))) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("DemoEnvironment.start with %,d generated members: %,d ms%n", COUNT, millis);
            try (LDAPConnection c = env.directory().connection()) {
                assertThat(c.search("OU=Generated Users," + env.directory().baseDn(), SearchScope.ONE,
                        Filter.createEqualityFilter("objectClass", "user"), "1.1").getEntryCount()).isEqualTo(COUNT);
            }
            assertThat(Files.exists(env.configurationFile())).isTrue();
        }
    }
}
