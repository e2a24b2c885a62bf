package org.groupwriteback.engine.rules;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import org.groupwriteback.engine.graph.CloudGroup;

/**
 * The naming rule of {@code behaviour.md}: the cn, RDN and DN of a written-back group (from its objectId or, with
 * {@code dnWithDisplayName}, its display name, with control characters, lone surrogates and emoji at the cut
 * handled), its {@code sAMAccountName} and the {@code adminDescription} marker. Pure functions; the planner
 * and the wizard's example DN both use them.
 */
public final class GroupNaming {

    /** Prefix of the default cn and of {@code adminDescription} (Entra Connect's marker). */
    public static final String GROUP_PREFIX = "Group_";
    /** Connect's outbound rule keeps this many characters of the display name in the cn. */
    public static final int DISPLAY_NAME_CN_LENGTH = 51;
    /** Characters of the objectId appended to a display-name cn. */
    public static final int ID_SUFFIX_LENGTH = 12;
    /** Length limit of sAMAccountName kept for pre-Windows 2000 compatibility. */
    public static final int SAM_ACCOUNT_NAME_MAX = 20;

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    private GroupNaming() {
    }

    /**
     * The cn of the written-back group. Default {@code Group_<objectId>}; with {@code dnWithDisplayName}
     * Connect's rule {@code Left(Trim(displayName), 51) + "_" + last 12 characters of objectId}, falling
     * back to the default when the display name is blank.
     */
    public static String cn(CloudGroup group, boolean dnWithDisplayName) {
        if (dnWithDisplayName) {
            Optional<String> prefix = displayNamePrefix(group.displayName());
            if (prefix.isPresent()) {
                String id = group.id();
                String suffix = id.length() <= ID_SUFFIX_LENGTH ? id : id.substring(id.length() - ID_SUFFIX_LENGTH);
                return prefix.get() + "_" + suffix;
            }
        }
        return GROUP_PREFIX + group.id();
    }

    /**
     * The display-name part of a cn: control characters replaced by spaces (AD reserves line feed in
     * RDNs for deleted objects and rejects it), unpaired surrogates by U+FFFD, surrounding whitespace trimmed, then cut to 51 UTF-16
     * characters without splitting a surrogate pair (so an emoji is kept whole or left out, and the cn
     * never exceeds AD's 64-character limit). Empty when nothing is left.
     */
    static Optional<String> displayNamePrefix(String displayName) {
        if (displayName == null) {
            return Optional.empty();
        }
        StringBuilder clean = new StringBuilder(displayName.length());
        wellFormed(displayName).codePoints().forEach(cp -> clean.appendCodePoint(Character.isISOControl(cp) ? ' ' : cp));
        String trimmed = clean.toString().strip();
        if (trimmed.isEmpty()) {
            return Optional.empty();
        }
        int end = Math.min(trimmed.length(), DISPLAY_NAME_CN_LENGTH);
        if (end < trimmed.length() && Character.isHighSurrogate(trimmed.charAt(end - 1))) {
            end--;
        }
        return Optional.of(trimmed.substring(0, end));
    }

    /** The RDN {@code CN=<cn>}; the SDK escapes the value. */
    public static RDN rdn(CloudGroup group, boolean dnWithDisplayName) {
        return new RDN("CN", cn(group, dnWithDisplayName));
    }

    /** The DN the group should have: its RDN under the target OU, built by the SDK (never by string concatenation). */
    public static DN dn(CloudGroup group, DN targetOu, boolean dnWithDisplayName) {
        return new DN(rdn(group, dnWithDisplayName), targetOu);
    }

    /**
     * The {@code sAMAccountName}: {@code Group_} plus 14 base32 characters (a-z, 2-7) of the SHA-256 of
     * the lower-cased objectId, 20 characters in all (AD's pre-Windows 2000 limit). Derived from the id
     * only, so it is stable across renames and moves. Hashing rather than taking a slice of the id keeps
     * names unique even for ids that share long prefixes or suffixes (test tenants, sequential ids):
     * 70 bits, so among a million groups the chance of any clash is below 1 in a billion; the planner
     * still reports a clash as a problem before touching AD. The cloud group is found from the AD group
     * by {@code adminDescription}, not by this name.
     */
    public static String samAccountName(String objectId) {
        byte[] hash = sha256(objectId.strip().toLowerCase(Locale.ROOT));
        int chars = SAM_ACCOUNT_NAME_MAX - GROUP_PREFIX.length();
        StringBuilder sb = new StringBuilder(GROUP_PREFIX);
        long buffer = 0;
        int bits = 0;
        int index = 0;
        while (sb.length() < GROUP_PREFIX.length() + chars) {
            if (bits < 5) {
                buffer = (buffer << 8) | (hash[index++] & 0xFF);
                bits += 8;
            }
            int value = (int) (buffer >>> (bits - 5)) & 0x1F;
            bits -= 5;
            sb.append(BASE32.charAt(value));
        }
        return sb.toString();
    }

    /** {@code adminDescription = Group_<objectId>}: Entra Connect's marker of a written-back group. */
    public static String adminDescription(String objectId) {
        return GROUP_PREFIX + objectId;
    }

    /** True when {@code adminDescription} marks a group written back for {@code objectId}. */
    public static boolean isMarkerOf(String adminDescription, String objectId) {
        return adminDescription(objectId).equalsIgnoreCase(adminDescription);
    }

    /**
     * The text with every unpaired surrogate replaced by U+FFFD: LDAP carries UTF-8, which has no form for a lone
     * surrogate (the encoder would write {@code ?}), so the value AD stores is the value the next cycle compares with.
     */
    static String wellFormed(String s) {
        if (s == null || s.codePoints().noneMatch(cp -> Character.getType(cp) == Character.SURROGATE)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        // codePoints() yields an unpaired surrogate as itself and a valid pair as one supplementary code point.
        s.codePoints().forEach(cp -> b.appendCodePoint(Character.getType(cp) == Character.SURROGATE ? '\uFFFD' : cp));
        return b.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
