package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.acceptance.World.count;
import static org.groupwriteback.acceptance.World.defaultDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios 2 and 15: default and display-name naming with hostile names, and name collisions. */
class NamingAcceptanceTest {
    static final String LONG = "Long" + "abcdefghij".repeat(11) + "wxyzxy"; // 120 characters
    static final List<String> HOSTILE = List.of("Sales, EMEA", "R+D", "\"Quoted\" Team", "Back\\slash",
            "#Hash first", "   Padded Name   ", "Équipe Zürich Ωmega", "Party \uD83C\uDF89 Team", LONG,
            "Duplicate", "Duplicate", "*)(objectClass=*)", "a=b=c", "<angle>;semi");

    @TempDir
    Path tmp;

    /** Connect's rule, written independently of the product: Left(Trim(name), 51) + "_" + last 12 of the id. */
    static DN displayNameDn(String name, String id) {
        String trimmed = name.strip();
        String left = trimmed.length() > 51 ? trimmed.substring(0, 51) : trimmed;
        return new DN(new RDN("CN", left + "_" + id.substring(id.length() - 12)), World.CLOUD_GROUPS);
    }

    @Test
    void hostileDisplayNamesBecomeExactlyTheEscapedDnConnectWouldBuild() throws Exception {
        assertThat(LONG).hasSize(120);
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        Map<String, String> byId = new LinkedHashMap<>();
        for (String name : HOSTILE) {
            byId.put(f.security(name, true, adele).get("id").asText(), name);
        }
        try (World w = World.start(tmp, f)) {
            JsonNode run = w.initial();
            assertThat(count(run, "creates")).isEqualTo(HOSTILE.size());
            // Default naming first: Group_<id>.
            for (String id : byId.keySet()) {
                SearchResultEntry e = w.entry(defaultDn(id));
                assertThat(e).as("Group_%s", id).isNotNull();
                assertThat(e.getAttributeValue("cn")).isEqualTo("Group_" + id);
                assertThat(e.getAttributeValue("displayName")).isEqualTo(byId.get(id));
            }

            assertThat(w.configure(c -> w.groupWriteback().put("dnWithDisplayName", true)).exit()).isZero();
            JsonNode renamed = w.syncOk();
            assertThat(count(renamed, "renames")).isEqualTo(HOSTILE.size());
            assertThat(count(renamed, "creates")).isZero();
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).hasSize(HOSTILE.size());
            for (Map.Entry<String, String> g : byId.entrySet()) {
                DN expected = displayNameDn(g.getValue(), g.getKey());
                SearchResultEntry e = w.entry(expected);
                assertThat(e).as("%s at %s", g.getValue(), expected).isNotNull();
                assertThat(e.getAttributeValue("cn")).isEqualTo(expected.getRDN().getAttributeValues()[0]);
                assertThat(e.getAttributeValue("adminDescription")).isEqualTo("Group_" + g.getKey());
                assertThat(World.members(e)).containsExactly(World.userDn("Adele Vance"));
            }
            String longId = byId.entrySet().stream().filter(g -> g.getValue().equals(LONG)).findFirst().orElseThrow()
                    .getKey();
            assertThat(w.managed(longId).getAttributeValue("cn")).hasSize(64)
                    .isEqualTo(LONG.substring(0, 51) + "_" + longId.substring(24));
            assertThat(w.entry(displayNameDn("Padded Name", idOf(byId, "   Padded Name   ")))).isNotNull();

            JsonNode again = w.syncOk();
            assertThat(again.path("counts").path("renames").asInt()).isZero();
        }
    }

    @Test
    void anUnmanagedGroupAtTheTargetDnIsAnExportErrorAndIsNotOverwritten() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        String squatted = f.security("Squatted", true, adele).get("id").asText();
        String fine = f.security("Fine", true, adele).get("id").asText();
        f.adGroup(defaultDn(squatted), "squatter", "description", "made by hand");
        try (World w = World.start(tmp, f)) {
            World.Cli c = w.sync("--policy", "initial");
            assertThat(c.exit()).as(c.err()).isEqualTo(1);
            JsonNode run = c.json();
            assertThat(run.path("status").asText()).isEqualTo("COMPLETED_WITH_ERRORS");
            assertThat(run.path("exportErrors")).hasSize(1);
            JsonNode error = run.path("exportErrors").get(0);
            assertThat(error.path("cloudId").asText()).isEqualTo(squatted);
            assertThat(error.path("ldapResultCode").asInt()).isEqualTo(68);
            assertThat(error.path("message").asText()).isNotBlank();
            SearchResultEntry hand = w.entry(defaultDn(squatted));
            assertThat(hand.getAttributeValue("description")).isEqualTo("made by hand");
            assertThat(hand.getAttributeValue("sAMAccountName")).isEqualTo("squatter");
            assertThat(hand.getAttributeValue("adminDescription")).isNull();
            assertThat(hand.getAttributeValue("member")).isNull();
            assertThat(w.entry(defaultDn(fine)).getAttributeValue("adminDescription")).isEqualTo("Group_" + fine);

            // The human-readable forms say the same: exit 1 and the object named.
            World.Cli text = World.gwb("sync", "--data", w.data.toString());
            assertThat(text.exit()).isEqualTo(1);
            assertThat(text.out() + text.err()).contains("Group_" + squatted);
            World.Cli runs = World.gwb("runs", "--data", w.data.toString());
            assertThat(runs.exit()).isZero();
            assertThat(runs.out()).contains("Group_" + squatted);
        }
    }

    @Test
    void twoCloudGroupsWithOneDisplayNameAreBothWrittenWithTheirIdSuffixes() throws Exception {
        World.Fixture f = new World.Fixture();
        String first = f.unified("Project X", null, null).get("id").asText();
        String second = f.unified("Project X", null, null).get("id").asText();
        try (World w = World.start(tmp, f)) {
            assertThat(w.configure(c -> w.groupWriteback().put("dnWithDisplayName", true)).exit()).isZero();
            JsonNode run = w.initial();
            assertThat(count(run, "creates")).isEqualTo(2);
            assertThat(w.groupsIn(World.CLOUD_GROUPS)).extracting(SearchResultEntry::getParsedDN)
                    .containsExactlyInAnyOrder(displayNameDn("Project X", first), displayNameDn("Project X", second));
        }
    }

    private static String idOf(Map<String, String> byId, String name) {
        return byId.entrySet().stream().filter(g -> g.getValue().equals(name)).findFirst().orElseThrow().getKey();
    }
}
