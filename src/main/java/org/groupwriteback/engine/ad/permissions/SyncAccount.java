package org.groupwriteback.engine.ad.permissions;

import com.unboundid.ldap.sdk.DN;
import java.util.Objects;
import org.groupwriteback.engine.ad.Sid;

/**
 * The AD account the engine binds with, resolved from what an admin typed (DN, UPN or {@code DOMAIN\sam}):
 * its DN, objectSid (what the ACEs name), and the names dsacls/PowerShell accept.
 *
 * @param netbiosDomain the domain's NetBIOS name, or null when it could not be read
 * @param userPrincipalName null when the account has none
 */
public record SyncAccount(DN dn, Sid sid, String samAccountName, String userPrincipalName, String netbiosDomain) {
    public SyncAccount {
        Objects.requireNonNull(dn, "dn");
        Objects.requireNonNull(sid, "sid");
        Objects.requireNonNull(samAccountName, "samAccountName");
    }

    /** {@code DOMAIN\sam} when the NetBIOS name is known, else the UPN, else the bare sAMAccountName. */
    public String principalName() {
        if (netbiosDomain != null) {
            return netbiosDomain + "\\" + samAccountName;
        }
        return userPrincipalName != null ? userPrincipalName : samAccountName;
    }
}
