package org.groupwriteback.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.ProductConnectors;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.SyncCycle;

/**
 * Whole sync cycles through the product code paths: the tenant emulator over HTTPS with the real Graph SDK and
 * MSAL4J, the in-memory directory over LDAP, the H2 state store. Measures the initial cycle, a cycle with no
 * change (which must write nothing), and a delta cycle after 1% of the groups changed a member.
 */
final class CycleBenchmark {
    private static final String DOMAIN_SID = "S-1-5-21-1000000001-1000000002-1000000003";

    private CycleBenchmark() {
    }

    static Map<String, Object> run(int groups, int membersPerGroup, int users) throws Exception {
        Path dir = Files.createTempDirectory("gwb-bench-");
        Path tenantFile = dir.resolve("tenant.json");
        Path ldifFile = dir.resolve("directory.ldif");
        List<String> userIds = writeFixtures(tenantFile, ldifFile, groups, membersPerGroup, users);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scenario", "cycle");
        out.put("groups", groups);
        out.put("memberships", (long) groups * membersPerGroup);
        out.put("users", users);
        long t = System.nanoTime();
        try (DemoEnvironment env = DemoEnvironment.start(tenantFile, ldifFile, 0, 0, dir.resolve("env"))) {
            out.put("environmentStartMs", ms(t));
            Path data = dir.resolve("data");
            Files.createDirectories(data);
            ConfigurationJson.write(data.resolve("configuration.json"), env.configuration());
            try (Engine engine = Engine.open(data, () -> {
                try {
                    return ConfigurationJson.readValid(data.resolve("configuration.json"));
                } catch (IOException e) {
                    throw new ConfigurationException("configuration", e.getMessage());
                }
            }, new ProductConnectors())) {
                RunRecord initial = timed(engine, Policy.INITIAL, out, "initialCycle");
                out.put("initialCreates", initial.counts().creates());
                out.put("initialMemberAdds", initial.counts().memberAdds());
                long usnBefore = env.directory().highestCommittedUsn();
                RunRecord steady = timed(engine, Policy.DELTA, out, "noChangeCycle");
                out.put("noChangeWrites", steady.counts().creates() + steady.counts().updates()
                        + steady.counts().memberAdds() + steady.counts().memberRemoves() + steady.counts().deletes());
                out.put("noChangeDirectoryUsnDelta", env.directory().highestCommittedUsn() - usnBefore);
                int changed = Math.max(1, groups / 100);
                for (int g = 0; g < changed; g++) {
                    env.tenant().addMember(groupId(g), userIds.get((g * 31 + membersPerGroup) % users));
                }
                RunRecord delta = timed(engine, Policy.DELTA, out, "deltaCycleAfter1PercentChanged");
                out.put("deltaMemberAdds", delta.counts().memberAdds());
            }
        }
        Runtime rt = Runtime.getRuntime();
        out.put("heapUsedAfterMb", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
        return out;
    }

    private static RunRecord timed(Engine engine, Policy policy, Map<String, Object> out, String name)
            throws Exception {
        long t = System.nanoTime();
        RunRecord r = engine.sync(new SyncCycle.Request(policy, false, 0, false), "bench");
        out.put(name + "Ms", ms(t));
        out.put(name + "Status", r.status().name());
        return r;
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static String groupId(int g) {
        return UUID.nameUUIDFromBytes(("bench-group-" + g).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A tenant of synced users and security groups with writeback on, and the matching directory. */
    private static List<String> writeFixtures(Path tenantFile, Path ldifFile, int groups, int membersPerGroup,
            int users) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tenant = json.createObjectNode();
        tenant.putObject("tenant").put("id", UUID.nameUUIDFromBytes("bench-tenant".getBytes()).toString())
                .put("displayName", "Bench").put("defaultDomain", "bench.onmicrosoft.com");
        ArrayNode userArray = tenant.putArray("users");
        StringBuilder ldif = new StringBuilder("version: 1\n\n");
        ldif.append("dn: DC=bench,DC=local\nobjectClass: top\nobjectClass: domainDNS\ndc: bench\nobjectSid:: ")
                .append(b64(new Sid(DOMAIN_SID))).append("\n\n");
        for (String ou : List.of("People", "Cloud Groups", "Service Accounts")) {
            ldif.append("dn: OU=").append(ou).append(",DC=bench,DC=local\nobjectClass: top\n")
                    .append("objectClass: organizationalUnit\nou: ").append(ou).append("\n\n");
        }
        ldif.append("dn: CN=svc-bench,OU=Service Accounts,DC=bench,DC=local\nobjectClass: top\nobjectClass: person\n")
                .append("objectClass: organizationalPerson\nobjectClass: user\ncn: svc-bench\n")
                .append("sAMAccountName: svc-bench\nuserPassword: Bench!Passw0rd\nobjectSid:: ")
                .append(b64(new Sid(DOMAIN_SID + "-1000"))).append("\n\n");
        List<String> ids = new ArrayList<>(users);
        for (int i = 0; i < users; i++) {
            String id = UUID.nameUUIDFromBytes(("bench-user-" + i).getBytes(StandardCharsets.UTF_8)).toString();
            Sid sid = new Sid(DOMAIN_SID + "-" + (5000 + i));
            ids.add(id);
            userArray.addObject().put("id", id).put("displayName", "User " + i)
                    .put("userPrincipalName", "user" + i + "@bench.local").put("onPremisesSyncEnabled", true)
                    .put("onPremisesSecurityIdentifier", sid.value());
            ldif.append("dn: CN=user").append(i).append(",OU=People,DC=bench,DC=local\nobjectClass: top\n")
                    .append("objectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\ncn: user")
                    .append(i).append("\nsAMAccountName: user").append(i).append("\nobjectSid:: ").append(b64(sid))
                    .append("\n\n");
        }
        ArrayNode groupArray = tenant.putArray("groups");
        for (int g = 0; g < groups; g++) {
            ObjectNode group = groupArray.addObject().put("id", groupId(g)).put("displayName", "Bench group " + g)
                    .put("mailNickname", "bench" + g).put("securityEnabled", true).put("mailEnabled", false);
            group.putArray("groupTypes");
            group.putObject("writebackConfiguration").put("isEnabled", true).putNull("onPremisesGroupType");
            ArrayNode members = group.putArray("members");
            for (int m = 0; m < membersPerGroup; m++) {
                members.add(ids.get((g * 31 + m) % users));
            }
        }
        json.writeValue(tenantFile.toFile(), tenant);
        Files.writeString(ldifFile, ldif, StandardCharsets.UTF_8);
        return ids;
    }

    private static String b64(Sid sid) {
        return Base64.getEncoder().encodeToString(sid.toBytes());
    }
}
