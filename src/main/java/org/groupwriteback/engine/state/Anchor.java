package org.groupwriteback.engine.state;

import java.time.Instant;
import java.util.Objects;
import org.groupwriteback.engine.ad.ObjectGuid;

/**
 * The join between a cloud group (source anchor, its object id) and the AD group the engine manages for
 * it (target anchor, objectGUID). Only objects with an anchor are ever modified or deleted.
 */
public record Anchor(String cloudId, ObjectGuid guid, Origin origin, String lastKnownDn, Instant since) {

    /** How the engine came to manage the AD object. */
    public enum Origin {
        /** The engine created it. */
        CREATED,
        /** It existed (written back by Entra Connect) and the admin chose to adopt it. */
        ADOPTED,
        /**
         * The original AD group of a cloud group whose source of authority was converted to the cloud, matched by
         * objectSid: its members are managed in place; it is released, never deleted, when the conversion is rolled back.
         */
        CONVERTED
    }

    public Anchor {
        Objects.requireNonNull(cloudId, "cloudId");
        Objects.requireNonNull(guid, "guid");
        Objects.requireNonNull(origin, "origin");
    }
}
