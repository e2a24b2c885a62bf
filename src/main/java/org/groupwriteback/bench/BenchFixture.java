package org.groupwriteback.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.groupwriteback.engine.ad.Sid;

/**
 * The generated tenant (synced users, security groups with writeback on) and the matching directory LDIF a
 * benchmark runs on: {@code groups} groups of {@code membersPerGroup} members over {@code users} users, plus
 * optionally one big group of {@code bigGroupMembers} members.
 */
record BenchFixture(Path tenantFile, Path ldifFile, List<String> userIds, int groups, int membersPerGroup) {
    static final String DOMAIN_SID = "S-1-5-21-1000000001-1000000002-1000000003";
    static final String BIG_GROUP = "bench-big-group";

    static BenchFixture write(Path dir, int groups, int membersPerGroup, int users, int bigGroupMembers)
            throws IOException {
        Path tenantFile = dir.resolve("tenant.json");
        Path ldifFile = dir.resolve("directory.ldif");
        ObjectMapper json = new ObjectMapper();
        ObjectNode tenant = json.createObjectNode();
        tenant.putObject("tenant").put("id", uuid("bench-tenant")).put("displayName", "Bench")
                .put("defaultDomain", "bench.onmicrosoft.com");
        ArrayNode userArray = tenant.putArray("users");
        List<String> ids = new ArrayList<>(users);
        try (Writer ldif = Files.newBufferedWriter(ldifFile, StandardCharsets.UTF_8)) {
            ldif.write("version: 1\n\ndn: DC=bench,DC=local\nobjectClass: top\nobjectClass: domainDNS\ndc: bench\n"
                    + "objectSid:: " + b64(new Sid(DOMAIN_SID)) + "\n\n");
            for (String ou : List.of("People", "Cloud Groups", "Service Accounts")) {
                ldif.write("dn: OU=" + ou + ",DC=bench,DC=local\nobjectClass: top\nobjectClass: organizationalUnit\n"
                        + "ou: " + ou + "\n\n");
            }
            ldif.write("dn: CN=svc-bench,OU=Service Accounts,DC=bench,DC=local\nobjectClass: top\n"
                    + "objectClass: person\nobjectClass: organizationalPerson\nobjectClass: user\ncn: svc-bench\n"
                    + "sAMAccountName: svc-bench\nuserPassword: Bench!Passw0rd\nobjectSid:: "
                    + b64(new Sid(DOMAIN_SID + "-1000")) + "\n\n");
            for (int i = 0; i < users; i++) {
                String id = uuid("bench-user-" + i);
                Sid sid = new Sid(DOMAIN_SID + "-" + (5000 + i));
                ids.add(id);
                userArray.addObject().put("id", id).put("displayName", "User " + i)
                        .put("userPrincipalName", "user" + i + "@bench.local").put("onPremisesSyncEnabled", true)
                        .put("onPremisesSecurityIdentifier", sid.value());
                ldif.write("dn: CN=user" + i + ",OU=People,DC=bench,DC=local\nobjectClass: top\nobjectClass: person\n"
                        + "objectClass: organizationalPerson\nobjectClass: user\ncn: user" + i + "\nsAMAccountName: user"
                        + i + "\nobjectSid:: " + b64(sid) + "\n\n");
            }
        }
        ArrayNode groupArray = tenant.putArray("groups");
        for (int g = 0; g < groups; g++) {
            ArrayNode members = group(groupArray, groupId(g), "Bench group " + g, "bench" + g);
            for (int m = 0; m < membersPerGroup; m++) {
                members.add(ids.get(memberIndex(g, m, users)));
            }
        }
        if (bigGroupMembers > 0) {
            ArrayNode members = group(groupArray, uuid(BIG_GROUP), "Bench big group", "benchbig");
            for (int m = 0; m < bigGroupMembers && m < users; m++) {
                members.add(ids.get(m));
            }
        }
        json.writeValue(tenantFile.toFile(), tenant);
        return new BenchFixture(tenantFile, ldifFile, ids, groups, membersPerGroup);
    }

    private static ArrayNode group(ArrayNode groupArray, String id, String name, String nickname) {
        ObjectNode group = groupArray.addObject().put("id", id).put("displayName", name).put("mailNickname", nickname)
                .put("securityEnabled", true).put("mailEnabled", false);
        group.putArray("groupTypes");
        group.putObject("writebackConfiguration").put("isEnabled", true).putNull("onPremisesGroupType");
        return group.putArray("members");
    }

    /** The user index of member {@code m} of group {@code g}. */
    static int memberIndex(int g, int m, int users) {
        return (g * 31 + m) % users;
    }

    static String groupId(int g) {
        return uuid("bench-group-" + g);
    }

    static String uuid(String seed) {
        return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String b64(Sid sid) {
        return Base64.getEncoder().encodeToString(sid.toBytes());
    }
}
