package org.groupwriteback.demo.tenant;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Deterministic synthetic synced users for scale fixtures ({@code membersGenerated}): the same prefix and
 * count always give the same ids, SIDs and account names, so the demo directory can create the matching
 * AD users without a huge LDIF file.
 */
public final class GeneratedUsers {
    /** Domain SID used when the fixture has no synced user to take it from. */
    public static final String DEFAULT_DOMAIN_SID = "S-1-5-21-1000000001-1000000002-1000000003";
    /** First RID of generated users; far above the RIDs a small fixture or a fresh domain uses. */
    public static final int FIRST_RID = 200_000;

    private GeneratedUsers() {
    }

    /** One generated user: cloud id, on-premises SID, sAMAccountName, display name and UPN. */
    public record GeneratedUser(String id, String sid, int rid, String samAccountName, String displayName,
            String userPrincipalName) {
    }

    /**
     * The {@code count} users for {@code prefix}: id = name-based UUID of {@code prefix:index}, SID =
     * {@code domainSid-(firstRid+index-1)}, sAMAccountName {@code prefix} + zero-padded index (1-based).
     */
    public static List<GeneratedUser> generate(String domainSid, String prefix, int count, int firstRid,
            String upnDomain) {
        List<GeneratedUser> users = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            String sam = samAccountName(prefix, i);
            String id = UUID.nameUUIDFromBytes(("gwb-generated:" + prefix + ":" + i).getBytes(StandardCharsets.UTF_8))
                    .toString();
            int rid = firstRid + i - 1;
            users.add(new GeneratedUser(id, domainSid + "-" + rid, rid, sam, prefix + " user " + i,
                    sam + "@" + upnDomain));
        }
        return users;
    }

    /** All generated users a fixture asks for, in fixture order, with the RIDs the emulator gives them. */
    public static List<GeneratedUser> of(TenantFixture fixture) {
        return fixture.generatedUsers();
    }

    /** The domain SID a fixture's synced users live in (first synced user's SID minus its RID). */
    public static String domainSid(TenantFixture fixture) {
        return fixture.domainSid();
    }

    static String samAccountName(String prefix, int index) {
        return prefix + String.format("%06d", index);
    }
}
