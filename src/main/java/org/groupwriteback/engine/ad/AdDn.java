package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.RDN;

/**
 * The string form of a DN as Active Directory accepts it on the wire. The SDK escapes every character
 * RFC 4514 requires, but leaves an {@code =} inside a value as it is; AD and Samba refuse such a DN
 * (Samba: result 34 invalidDNSyntax), and accept it with {@code =} written as {@code \3D}. So the value's
 * escaping stays the SDK's, and only that one character is added. Thread-safe (stateless).
 */
public final class AdDn {
    private AdDn() {
    }

    /** {@code dn} in the form to send to AD. */
    public static String wire(DN dn) {
        StringBuilder sb = new StringBuilder();
        for (RDN rdn : dn.getRDNs()) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(wire(rdn));
        }
        return sb.toString();
    }

    /** {@code rdn} in the form to send to AD (for modify DN's new RDN). */
    public static String wire(RDN rdn) {
        String[] names = rdn.getAttributeNames();
        String[] values = rdn.getAttributeValues();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if (i > 0) {
                sb.append('+');
            }
            String one = new RDN(names[i], values[i]).toString();
            // The first '=' ends the attribute name (names never contain one); any later '=' is in the SDK-escaped
            // value, where it stands unescaped, because the SDK writes escapes as '\' plus a character or two hex digits.
            int eq = one.indexOf('=');
            sb.append(one, 0, eq + 1).append(one.substring(eq + 1).replace("=", "\\3D"));
        }
        return sb.toString();
    }
}
