package org.groupwriteback.acceptance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.groupwriteback.acceptance.World.count;
import static org.groupwriteback.acceptance.World.defaultDn;

import com.fasterxml.jackson.databind.JsonNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.groupwriteback.engine.ad.Sid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 16: a group with 3,000 generated members, written in full, then shrunk by exactly ten. */
class LargeGroupAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void threeThousandMembersAreWrittenAndTenRemovalsAreTenValueDeletes() throws Exception {
        World.Fixture f = new World.Fixture();
        String adele = f.syncedUser("Adele Vance");
        var g = f.security("All Hands", true, adele);
        g.putObject("membersGenerated").put("count", 3000).put("prefix", "hand");
        String id = g.get("id").asText();
        try (World w = World.start(tmp, f)) {
            w.env.directory().setMaxValRange(1500);
            JsonNode run = w.initial();
            assertThat(count(run, "creates")).isEqualTo(1);
            Set<DN> members = allMembers(w, defaultDn(id));
            assertThat(members).hasSize(3001).contains(World.userDn("Adele Vance"));

            List<String> removed = new ArrayList<>(w.env.tenant().memberIds(id));
            removed.remove(adele);
            removed = removed.subList(0, 10);
            Set<DN> removedDns = new HashSet<>();
            var generated = org.groupwriteback.demo.tenant.TenantFixture.load(w.tmp.resolve("tenant.json"))
                    .generatedUsers();
            try (LDAPConnection c = w.ldap()) {
                for (String userId : removed) {
                    String sid = generated.stream().filter(u -> u.id().equals(userId)).findFirst().orElseThrow().sid();
                    SearchResultEntry u = c.searchForEntry(World.BASE.toString(), SearchScope.SUB,
                            Filter.createEqualityFilter("objectSid", new Sid(sid).toBytes()), "1.1");
                    removedDns.add(u.getParsedDN());
                }
            }
            assertThat(members).containsAll(removedDns);
            for (String userId : removed) {
                w.env.tenant().removeMember(id, userId);
            }
            JsonNode delta = w.syncOk();
            assertThat(count(delta, "memberRemoves")).isEqualTo(10);
            assertThat(count(delta, "memberAdds")).isZero();
            Set<DN> after = allMembers(w, defaultDn(id));
            assertThat(after).hasSize(2991).doesNotContainAnyElementsOf(removedDns);
        }
    }

    /** Every member value, read with range retrieval as AD hands them out. */
    private static Set<DN> allMembers(World w, DN group) throws Exception {
        Set<DN> all = new HashSet<>();
        try (LDAPConnection c = w.ldap()) {
            int start = 0;
            while (true) {
                String attr = "member;range=" + start + "-*";
                SearchResultEntry e = c.getEntry(group.toString(), attr);
                com.unboundid.ldap.sdk.Attribute found = e.getAttributes().stream()
                        .filter(a -> a.getBaseName().equalsIgnoreCase("member")).findFirst().orElse(null);
                if (found == null) {
                    return all;
                }
                for (String v : found.getValues()) {
                    all.add(World.dn(v));
                }
                String name = found.getName();
                if (name.endsWith("-*") || !name.contains("range=")) {
                    return all;
                }
                int end = Integer.parseInt(name.substring(name.lastIndexOf('-') + 1));
                start = end + 1;
            }
        }
    }
}
