package org.groupwriteback.engine.plan;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.groupwriteback.engine.ad.AdGroup;
import org.groupwriteback.engine.ad.AdPrincipal;
import org.groupwriteback.engine.ad.NewGroup;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudDevice;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudUser;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.state.Anchor;

/** Small hand-built cloud groups, users, configurations and AD state for rule and planner tests. */
public final class Fixtures {
    public static final String TARGET_OU = "OU=Cloud Groups,DC=fabrikam,DC=local";
    public static final String USERS_OU = "OU=Users,DC=fabrikam,DC=local";

    private Fixtures() {
    }

    public static DN dn(String s) {
        try {
            return new DN(s);
        } catch (LDAPException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    /** A GUID-shaped cloud id ending in {@code n} (so sort order follows n). */
    public static String id(int n) {
        return String.format("00000000-0000-4000-8000-%012d", n);
        // (sAMAccountNames are hashed, so ids differing only at the end are fine)
    }

    public static CloudGroup m365(String id, String name, Boolean enabled, String type, CloudMember... members) {
        return new CloudGroup(id, name, name + " description", nick(name), nick(name) + "@fabrikam.com",
                List.of("Unified"), false, true, null,
                List.of("SMTP:" + nick(name) + "@fabrikam.com", "smtp:" + nick(name) + "@fabrikam.onmicrosoft.com"),
                new WritebackConfiguration(enabled, type), new LinkedHashSet<>(List.of(members)), false);
    }

    public static CloudGroup security(String id, String name, Boolean enabled, CloudMember... members) {
        return new CloudGroup(id, name, null, nick(name), null, List.of(), true, false, null, List.of(),
                new WritebackConfiguration(enabled, null), new LinkedHashSet<>(List.of(members)), false);
    }

    private static String nick(String name) {
        return name == null ? "g" : name.replaceAll("[^A-Za-z0-9]", "").toLowerCase();
    }

    public static SyncConfiguration config(boolean enabled, boolean dnWithDisplayName, int memberLimit,
            boolean deleteWhenOff) {
        return config(enabled, TARGET_OU, dnWithDisplayName, memberLimit, deleteWhenOff);
    }

    public static SyncConfiguration config(boolean enabled, String targetOu, boolean dnWithDisplayName,
            int memberLimit, boolean deleteWhenOff) {
        return new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.microsoftonline.com/contoso.onmicrosoft.com",
                        "https://graph.microsoft.com/v1.0", "11111111-2222-3333-4444-555555555555",
                        new SyncConfiguration.Credential("/etc/gwb/secret", null, null), null),
                new SyncConfiguration.Directory("ldaps://dc1.fabrikam.local", "CN=sync,CN=Users,DC=fabrikam,DC=local",
                        "/etc/gwb/password", null, "DC=fabrikam,DC=local"),
                new SyncConfiguration.OuFilter(List.of("DC=fabrikam,DC=local"), List.of()),
                new SyncConfiguration.GroupWriteback(enabled, targetOu, dnWithDisplayName, memberLimit, deleteWhenOff),
                500, new SyncConfiguration.Scheduler(true, 30));
    }

    public static SyncConfiguration config() {
        return config(true, false, 50_000, false);
    }

    public static Sid sid(int rid) {
        return new Sid("S-1-5-21-1004336348-1177238915-682003330-" + rid);
    }

    public static CloudUser syncedUser(int n) {
        return new CloudUser("u" + n, sid(1000 + n).value(), true);
    }

    public static CloudUser cloudOnlyUser(int n) {
        return new CloudUser("u" + n, null, null);
    }

    public static DN userDn(int n) {
        return dn("CN=User " + n + "," + USERS_OU);
    }

    /** The AD group exactly as a create of {@code g} made it, with these members. */
    public static AdGroup adGroupFrom(NewGroup g, ObjectGuid guid, Set<DN> members) {
        return new AdGroup(guid, g.dn(), sid(5000 + Math.abs(guid.hashCode() % 1000)), g.samAccountName(),
                g.groupType(), g.displayName(), g.description(), g.adminDescription(), g.mail(), g.mailNickname(),
                g.proxyAddresses(), members, g.exchangeAttributes());
    }

    public static ObjectGuid guid(int n) {
        return new ObjectGuid(UUID.fromString(String.format("aaaaaaaa-0000-0000-0000-%012d", n)));
    }

    public static Anchor anchor(String cloudId, ObjectGuid guid) {
        return new Anchor(cloudId, guid, Anchor.Origin.CREATED, null, Instant.EPOCH);
    }

    /** A mutable builder of planner inputs. */
    public static final class Input {
        public SyncConfiguration config = config();
        public final Map<String, CloudGroup> groups = new HashMap<>();
        public final Map<String, CloudUser> users = new HashMap<>();
        public final Map<String, Anchor> anchors = new HashMap<>();
        public final Map<ObjectGuid, AdGroup> managed = new HashMap<>();
        public final Map<Sid, DN> userDns = new HashMap<>();
        public boolean exchangeSchema;
        public final Map<String, CloudDevice> devices = new HashMap<>();
        public final Map<Sid, AdPrincipal> principals = new HashMap<>();

        public Input group(CloudGroup g) {
            groups.put(g.id(), g);
            return this;
        }

        public Input syncedUsers(int... ns) {
            for (int n : ns) {
                CloudUser u = syncedUser(n);
                users.put(u.id(), u);
                userDns.put(sid(1000 + n), userDn(n));
            }
            return this;
        }

        public Input manage(String cloudId, AdGroup ad) {
            anchors.put(cloudId, anchor(cloudId, ad.guid()));
            managed.put(ad.guid(), ad);
            return this;
        }

        public PlanInput build() {
            return new PlanInput(config, Map.copyOf(groups), Map.copyOf(users), Map.copyOf(anchors),
                    Map.copyOf(managed), Map.copyOf(userDns), exchangeSchema, Map.copyOf(devices),
                    Map.copyOf(principals));
        }
    }
}
