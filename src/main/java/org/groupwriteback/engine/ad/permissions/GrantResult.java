package org.groupwriteback.engine.ad.permissions;

import com.unboundid.ldap.sdk.DN;

/** What {@link WritebackPermissions#grant} did: on which object, for which account, how many ACEs it added. */
public record GrantResult(DN target, SyncAccount account, int acesAdded) {
    /** False when the rights were already there and nothing was written. */
    public boolean changed() {
        return acesAdded > 0;
    }
}
