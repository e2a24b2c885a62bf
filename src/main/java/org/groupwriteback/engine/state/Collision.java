package org.groupwriteback.engine.state;

import org.groupwriteback.engine.ad.ObjectGuid;

/** A create refused because an unmanaged object holds its DN, remembered so it is not retried blindly. */
public record Collision(String cloudId, String dn, ObjectGuid blocker, String message) {
}
