package org.groupwriteback.engine.rules;

import java.util.Map;
import org.groupwriteback.engine.ad.AdPrincipal;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.graph.CloudDevice;
import org.groupwriteback.engine.graph.CloudGroup;

/**
 * Finds the AD object of a member that came from on-premises and is not a user: a group synced from AD
 * (by its {@code onPremisesSecurityIdentifier}) or a hybrid-joined device (the computer with its SID), among
 * the objects found inside the OU filter's scope. {@code objectSid} compares exactly (binary), never as text.
 * Thread-safe when the maps are not changed.
 */
public final class OnPremisesResolver {
    /** Knows nothing: every group or device member not written back is skipped. */
    public static final OnPremisesResolver NONE = new OnPremisesResolver(Map.of(), Map.of(), Map.of());

    private final Map<String, CloudGroup> groups;
    private final Map<String, CloudDevice> devices;
    private final Map<Sid, AdPrincipal> principals;

    public OnPremisesResolver(Map<String, CloudGroup> groups, Map<String, CloudDevice> devices,
            Map<Sid, AdPrincipal> principals) {
        this.groups = groups == null ? Map.of() : groups;
        this.devices = devices == null ? Map.of() : devices;
        this.principals = principals == null ? Map.of() : principals;
    }

    /** The AD group with the SID of cloud group {@code id}, or null (no SID, not found, out of scope). */
    public AdPrincipal group(String id) {
        CloudGroup g = groups.get(id);
        return g == null || !g.hasOnPremisesSid() ? null : find(g.onPremisesSecurityIdentifier(), AdPrincipal.Kind.GROUP);
    }

    /** True when device {@code id} is known and has no on-premises SID (Entra-joined or registered). */
    public boolean cloudOnlyDevice(String id) {
        CloudDevice d = devices.get(id);
        return d != null && !d.isSynced();
    }

    /** The AD computer with the SID of device {@code id}, or null. */
    public AdPrincipal device(String id) {
        CloudDevice d = devices.get(id);
        return d == null || !d.isSynced() ? null : find(d.onPremisesSecurityIdentifier(), AdPrincipal.Kind.COMPUTER);
    }

    private AdPrincipal find(String sid, AdPrincipal.Kind kind) {
        String s = sid.strip();
        if (!Sid.isValid(s)) {
            return null;
        }
        AdPrincipal p = principals.get(new Sid(s));
        return p != null && p.kind() == kind ? p : null;
    }
}
