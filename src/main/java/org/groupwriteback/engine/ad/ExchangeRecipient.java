package org.groupwriteback.engine.ad;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Exchange recipient attributes a written-back Microsoft 365 group gets when the forest has the Exchange
 * schema, so on-premises Exchange knows the group as a recipient whose mailbox lives in Exchange Online and
 * routes its mail there (besides {@code mail}, {@code mailNickname} and {@code proxyAddresses}, managed apart).
 *
 * <p>Values and their sources:
 * <ul>
 * <li>{@code msExchRecipientTypeDetails = 8796093022208} (0x80000000000): {@code RemoteGroupMailbox} in Exchange's
 * RecipientTypeDetails enumeration (published tables of msExchRecipientTypeDetails values; Exchange itself treats
 * GroupMailbox and RemoteGroupMailbox as the Microsoft 365 group kinds).</li>
 * <li>{@code msExchRecipientDisplayType}: {@code -2147483391} ({@code SyncedUDGasUDG}) for a group written back as a
 * distribution group, {@code -1073739511} ({@code SyncedUSGasUSG}) for a mail-enabled security group (published
 * reference tables of msExchRecipientDisplayType: "Synced UDG as UDG", "Synced USG as USG").</li>
 * </ul>
 * Which other attributes Entra Connect's "Out to AD - Group SOAInAAD - Exchange" rule flows could not be confirmed
 * from public sources; these are the ones the recipient type depends on.
 */
public final class ExchangeRecipient {
    /** Exchange's recipient display type (GAL icon, address book kind). */
    public static final String DISPLAY_TYPE = "msExchRecipientDisplayType";
    /** Exchange's detailed recipient type. */
    public static final String TYPE_DETAILS = "msExchRecipientTypeDetails";
    /** The attributes this class manages, in write order. */
    public static final List<String> ATTRIBUTES = List.of(DISPLAY_TYPE, TYPE_DETAILS);

    static final String REMOTE_GROUP_MAILBOX = "8796093022208";
    static final String SYNCED_UDG_AS_UDG = "-2147483391";
    static final String SYNCED_USG_AS_USG = "-1073739511";

    private ExchangeRecipient() {
    }

    /**
     * The recipient attributes of a Microsoft 365 group written back as {@code type}; empty for a type without
     * mail (a plain security group), which Exchange does not know as a recipient.
     */
    public static Map<String, String> forUnifiedGroup(GroupType type) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!type.mailEnabled()) {
            return out;
        }
        out.put(DISPLAY_TYPE, type == GroupType.UNIVERSAL_DISTRIBUTION ? SYNCED_UDG_AS_UDG : SYNCED_USG_AS_USG);
        out.put(TYPE_DETAILS, REMOTE_GROUP_MAILBOX);
        return out;
    }
}
