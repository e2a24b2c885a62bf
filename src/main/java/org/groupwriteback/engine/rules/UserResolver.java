package org.groupwriteback.engine.rules;

import com.unboundid.ldap.sdk.DN;
import java.util.HashMap;
import java.util.Map;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.graph.CloudUser;

/**
 * Finds the AD user for a cloud user member: by the SID in its {@code onPremisesSecurityIdentifier},
 * among the users found inside the OU filter's scope. Remembers each answer, because one user is usually
 * a member of many groups and parsing a SID is not free. Not thread-safe: one planning pass owns it.
 */
public final class UserResolver {

    /** What became of a user member. */
    public enum Outcome {
        /** Found in AD within scope. */
        FOUND,
        /** Cloud-only user: no on-premises SID. */
        CLOUD_ONLY,
        /** Synced, but not found in AD or outside the OU filter (or an unknown user, or a malformed SID). */
        NOT_FOUND
    }

    private static final Object CLOUD_ONLY = Outcome.CLOUD_ONLY;
    private static final Object NOT_FOUND = Outcome.NOT_FOUND;

    private final Map<String, CloudUser> cloudUsers;
    private final Map<Sid, DN> userDns;
    private final Map<String, Object> cache = new HashMap<>();

    public UserResolver(Map<String, CloudUser> cloudUsers, Map<Sid, DN> userDns) {
        this.cloudUsers = cloudUsers == null ? Map.of() : cloudUsers;
        this.userDns = userDns == null ? Map.of() : userDns;
    }

    /** The outcome for the cloud user {@code userId}. */
    public Outcome outcome(String userId) {
        Object r = lookup(userId);
        return r instanceof DN ? Outcome.FOUND : (Outcome) r;
    }

    /** The AD DN of the cloud user {@code userId}, or null when not {@link Outcome#FOUND}. */
    public DN dn(String userId) {
        Object r = lookup(userId);
        return r instanceof DN dn ? dn : null;
    }

    private Object lookup(String userId) {
        return cache.computeIfAbsent(userId, this::resolve);
    }

    private Object resolve(String userId) {
        CloudUser user = cloudUsers.get(userId);
        if (user == null) {
            return NOT_FOUND;
        }
        if (!user.isSynced()) {
            return CLOUD_ONLY;
        }
        String sid = user.onPremisesSecurityIdentifier().strip();
        if (!Sid.isValid(sid)) {
            return NOT_FOUND;
        }
        DN dn = userDns.get(new Sid(sid));
        return dn == null ? NOT_FOUND : dn;
    }
}
