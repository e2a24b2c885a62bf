package org.groupwriteback.engine.graph;

import java.util.Objects;

/**
 * A cloud user as far as writeback cares: synced users carry their on-premises SID (string form
 * {@code S-1-5-21-...}); cloud-only users have none.
 */
public record CloudUser(String id, String onPremisesSecurityIdentifier, Boolean onPremisesSyncEnabled) {
    public CloudUser {
        Objects.requireNonNull(id, "id");
    }

    /** True when the user came from on-premises AD and so can be found there by SID. */
    public boolean isSynced() {
        return onPremisesSecurityIdentifier != null && !onPremisesSecurityIdentifier.isBlank();
    }
}
