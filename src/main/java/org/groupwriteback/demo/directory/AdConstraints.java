package org.groupwriteback.demo.directory;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Locale;
import java.util.Set;

/** Values AD refuses whoever writes them: system-owned attributes and over-long names, with AD's codes and texts. */
final class AdConstraints {

    /** Windows AD's rangeUpper of cn, ou and name (Samba does not enforce it). */
    static final int MAX_RDN_LENGTH = 64;
    private static final Set<String> SYSTEM_ONLY = Set.of("objectguid", "uSNChanged".toLowerCase(Locale.ROOT),
            "uSNCreated".toLowerCase(Locale.ROOT), "whenCreated".toLowerCase(Locale.ROOT),
            "whenChanged".toLowerCase(Locale.ROOT));

    private AdConstraints() {
    }

    /** True for an attribute only the directory itself writes (objectGUID, uSN*, when*). */
    static boolean isSystemOnly(String attribute) {
        return SYSTEM_ONLY.contains(attribute.toLowerCase(Locale.ROOT));
    }

    /** AD's refusal (53) of a write to a system-owned attribute. */
    static LDAPException systemOnly(String attribute, DN dn) {
        return new LDAPException(ResultCode.UNWILLING_TO_PERFORM,
                "00002077: SvcErr: DSID-03152A6C, problem 5003 (WILL_NOT_PERFORM): attribute '" + attribute
                        + "' of " + dn + " is owned by the system");
    }

    /** Refuses like Windows AD (19) an RDN value longer than {@link #MAX_RDN_LENGTH}. */
    static void checkRdnLength(RDN rdn) throws LDAPException {
        String[] names = rdn.getAttributeNames();
        String[] values = rdn.getAttributeValues();
        for (int i = 0; i < values.length; i++) {
            if (values[i].length() > MAX_RDN_LENGTH) {
                throw new LDAPException(ResultCode.CONSTRAINT_VIOLATION,
                        "00002082: AtrErr: DSID-03152D2C, #1: 0: 00002082: DSID-03152D2C, problem 1005 "
                                + "(CONSTRAINT_ATT_TYPE), data 0, Att 3 (" + names[i] + "): value longer than "
                                + MAX_RDN_LENGTH + " characters");
            }
        }
    }
}
