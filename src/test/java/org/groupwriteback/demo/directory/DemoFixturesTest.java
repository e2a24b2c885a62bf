package org.groupwriteback.demo.directory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.groupwriteback.engine.ad.Sid;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled demo tenant and demo directory describe the same Fabrikam. */
class DemoFixturesTest {

    static JsonNode tenant;
    static DemoDirectory directory;
    static LDAPConnection connection;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = DemoFixturesTest.class.getResourceAsStream("/demo/tenant.json")) {
            tenant = new ObjectMapper().readTree(in);
        }
        directory = DemoDirectory.startDefault(0);
        connection = directory.connection();
    }

    @AfterAll
    static void stop() {
        connection.close();
        directory.stop();
    }

    private static SearchResultEntry userWithSid(Sid sid) throws Exception {
        List<SearchResultEntry> found = connection.search(directory.baseDn().toString(), SearchScope.SUB,
                Filter.createEqualityFilter("objectSid", sid.toBytes()), "objectSid").getSearchEntries();
        assertThat(found).as("users with SID %s", sid).hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.get(0);
    }

    @Test
    void everySyncedTenantUserExistsInTheDirectoryWithTheSameSidAndDn() throws Exception {
        int synced = 0;
        for (JsonNode u : tenant.get("users")) {
            JsonNode sid = u.get("onPremisesSecurityIdentifier");
            if (sid == null || sid.isNull()) {
                continue;
            }
            synced++;
            SearchResultEntry entry = userWithSid(new Sid(sid.asText()));
            assertThat(entry).as("AD user for %s", u.get("displayName").asText()).isNotNull();
            assertThat(entry.getParsedDN()).isEqualTo(new DN(u.get("onPremisesDistinguishedName").asText()));
            assertThat(Sid.fromBytes(entry.getAttributeValueBytes("objectSid")).value()).isEqualTo(sid.asText());
        }
        assertThat(synced).isGreaterThanOrEqualTo(25);
        assertThat(tenant.get("users")).hasSizeGreaterThanOrEqualTo(30);
    }

    @Test
    void someUsersAreCloudOnlyAndOneSyncedUserIsOutsideTheOuFilter() throws Exception {
        int cloudOnly = 0;
        int excluded = 0;
        DN excludedOu = new DN("OU=Excluded,OU=Corp," + directory.baseDn());
        for (JsonNode u : tenant.get("users")) {
            JsonNode dn = u.get("onPremisesDistinguishedName");
            if (dn == null || dn.isNull()) {
                cloudOnly++;
            } else if (new DN(dn.asText()).isDescendantOf(excludedOu, false)) {
                excluded++;
            }
        }
        assertThat(cloudOnly).isGreaterThanOrEqualTo(2);
        assertThat(excluded).isEqualTo(1);
    }

    @Test
    void groupMembersReferenceTenantObjects() {
        Set<String> ids = new HashSet<>();
        tenant.get("users").forEach(u -> ids.add(u.get("id").asText()));
        tenant.get("groups").forEach(g -> ids.add(g.get("id").asText()));
        List<String> dangling = new ArrayList<>();
        for (JsonNode g : tenant.get("groups")) {
            g.get("members").forEach(m -> {
                if (!ids.contains(m.asText())) {
                    dangling.add(g.get("displayName").asText() + " -> " + m.asText());
                }
            });
        }
        assertThat(dangling).isEmpty();
        assertThat(tenant.get("groups")).hasSizeGreaterThanOrEqualTo(15);
    }

    @Test
    void adoptionAndCollisionGroupsPointAtTenantGroups() throws Exception {
        Set<String> groupIds = new HashSet<>();
        tenant.get("groups").forEach(g -> groupIds.add(g.get("id").asText()));
        DN target = new DN("OU=Cloud Groups,OU=Corp," + directory.baseDn());
        List<SearchResultEntry> groups = connection.search(target.toString(), SearchScope.ONE,
                Filter.createEqualityFilter("objectClass", "group"), "cn", "adminDescription").getSearchEntries();
        List<SearchResultEntry> adopted = groups.stream().filter(e -> e.hasAttribute("adminDescription")).toList();
        List<SearchResultEntry> unmanaged = groups.stream().filter(e -> !e.hasAttribute("adminDescription")).toList();
        assertThat(adopted).hasSize(1);
        assertThat(unmanaged).hasSize(1);
        String adoptedId = adopted.get(0).getAttributeValue("adminDescription").substring("Group_".length());
        assertThat(groupIds).contains(adoptedId);
        String collidingId = unmanaged.get(0).getAttributeValue("cn").substring("Group_".length());
        assertThat(groupIds).contains(collidingId);
        JsonNode colliding = null;
        for (JsonNode g : tenant.get("groups")) {
            if (g.get("id").asText().equals(collidingId)) {
                colliding = g;
            }
        }
        assertThat(colliding.get("writebackConfiguration").get("isEnabled").asBoolean()).isTrue();
    }
}
