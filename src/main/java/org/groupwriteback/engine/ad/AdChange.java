package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;

/**
 * An object under the base DN whose {@code uSNChanged} is above a watermark: its anchor, where it is now, and
 * for users and groups their SID. {@code group}/{@code user} tell the kind (a computer is neither).
 */
public record AdChange(ObjectGuid guid, DN dn, Sid sid, boolean group, boolean user) {
}
