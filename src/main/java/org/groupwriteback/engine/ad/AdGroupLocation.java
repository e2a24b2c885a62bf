package org.groupwriteback.engine.ad;

import com.unboundid.ldap.sdk.DN;
import java.util.Objects;

/**
 * Where a group is now and its {@code uSNChanged}, read without its members: the light read that finds groups
 * deleted, moved or renamed in AD. {@code usnChanged} is -1 when the directory does not say.
 */
public record AdGroupLocation(ObjectGuid guid, DN dn, long usnChanged) {
    public AdGroupLocation {
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(dn, "dn");
    }
}
