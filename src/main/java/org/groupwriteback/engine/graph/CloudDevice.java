package org.groupwriteback.engine.graph;

import java.util.Objects;

/**
 * A cloud device as far as writeback cares: a hybrid-joined computer synced from AD carries its
 * on-premises SID; Entra-joined and registered devices have none (they are skipped as members).
 */
public record CloudDevice(String id, String onPremisesSecurityIdentifier, Boolean onPremisesSyncEnabled) {
    public CloudDevice {
        Objects.requireNonNull(id, "id");
    }

    /** True when the device came from on-premises AD and so can be found there by SID. */
    public boolean isSynced() {
        return onPremisesSecurityIdentifier != null && !onPremisesSecurityIdentifier.isBlank();
    }
}
