package org.groupwriteback.samba.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.ObjectGuid;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.rules.GroupNaming;
import org.groupwriteback.engine.run.Connectors;
import org.groupwriteback.engine.run.CycleBusyException;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.FakeCloud;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.SyncCycle;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.samba.SambaDc;

/**
 * One engine (own data directory, H2 state store, {@link FakeCloud}) writing into its own target OU below
 * {@link SambaDc#GROUPS_OU} as the delegated sync account over LDAPS, through {@link Engine} as the product runs
 * cycles (a new bound connection per cycle), with a {@link FaultingDirectory} hook before each write. Knows the
 * exact AD state its cloud implies and checks it with the admin connection.
 */
final class FaultScenario implements AutoCloseable {
    /** The users of the fault suite: cloud id -> AD DN (filled by the test class). */
    static final Map<String, DN> USERS = new LinkedHashMap<>();

    final DN ou;
    final FakeCloud cloud = new FakeCloud();
    final AtomicReference<SyncConfiguration> config;
    final Engine engine;
    final Path passwordFile;
    volatile FaultingDirectory.BeforeWrite hook = (n, what) -> { };
    /** The directory of the last cycle (its writes). */
    volatile FaultingDirectory last;

    private static final java.util.concurrent.atomic.AtomicInteger COUNT = new java.util.concurrent.atomic.AtomicInteger();
    /** Distinguishes the cloud ids of this scenario: sAMAccountName, derived from the id, is unique per domain. */
    private final int number = COUNT.incrementAndGet();

    private FaultScenario(DN ou, Path data, SyncConfiguration config, Path passwordFile) {
        this.ou = ou;
        this.config = new AtomicReference<>(config);
        this.passwordFile = passwordFile;
        Connectors connectors = new Connectors() {
            @Override
            public CloudSource cloud(SyncConfiguration c, Path dataDir) {
                return cloud;
            }

            @Override
            public Directory directory(SyncConfiguration c, Path dataDir) throws DirectoryException {
                FaultingDirectory d = new FaultingDirectory(LdapDirectory.open(c.directory()),
                        (n, what) -> hook.before(n, what));
                last = d;
                return d;
            }
        };
        this.engine = Engine.open(data, this.config::get, connectors);
        for (Map.Entry<String, DN> u : USERS.entrySet()) {
            cloud.user(u.getKey(), sids.get(u.getKey()));
        }
    }

    /** SIDs of {@link #USERS} by cloud id (filled by the test class). */
    static final Map<String, String> sids = new HashMap<>();

    /**
     * Creates {@code OU=<name>} below {@link SambaDc#GROUPS_OU} (it inherits the sync account's delegation) and an
     * engine that writes there through {@code ldapUrl} (display-name naming, so renames are real LDAP renames).
     */
    static FaultScenario open(SambaDc dc, LDAPConnection admin, Path tmp, String name, String ldapUrl)
            throws Exception {
        DN ou = new DN(new RDN("OU", name), SambaDc.GROUPS_OU);
        admin.add(ou.toString(), new Attribute("objectClass", "organizationalUnit"));
        Path data = Files.createDirectories(tmp.resolve("data-" + name));
        Path password = data.resolve("ad-password");
        DataDirectory.writeSecretFile(password, (SambaDc.SERVICE_PASSWORD + "\n").toCharArray());
        SyncConfiguration config = new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.test/t", "https://graph.test/v1.0", "client",
                        new SyncConfiguration.Credential("secret.txt", null, null), null),
                new SyncConfiguration.Directory(ldapUrl, SambaDc.SERVICE_DN.toString(), password.toString(),
                        dc.caCertificate().toString(), SambaDc.BASE_DN.toString()),
                new SyncConfiguration.OuFilter(List.of(SambaDc.BASE_DN.toString()), List.of()),
                new SyncConfiguration.GroupWriteback(true, ou.toString(), true, 50_000, false),
                500, new SyncConfiguration.Scheduler(false, 30));
        return new FaultScenario(ou, data, config, password);
    }

    /** The cloud id of this scenario's n-th group (its last 12 characters, in the DN, are {@code SSSSnnnnnnnn}). */
    String id(int n) {
        return String.format("f1000000-0000-4000-8000-%04x%08x", number, n);
    }

    /** A universal security group with write-back on; members are cloud ids of users or groups. */
    static CloudGroup group(String id, String name, String description, String... members) {
        Set<CloudMember> m = new HashSet<>();
        for (String member : members) {
            m.add(USERS.containsKey(member) ? CloudMember.user(member) : CloudMember.group(member));
        }
        return new CloudGroup(id, name, description, null, null, List.of(), true, false, null, List.of(),
                new WritebackConfiguration(true, "universalSecurityGroup"), m, false);
    }

    /** One delta cycle through the engine, as {@code gwb sync} runs it. */
    RunRecord cycle() throws CycleBusyException {
        long t0 = System.nanoTime();
        RunRecord r = engine.sync(new SyncCycle.Request(Policy.DELTA, false, 0, false), "test");
        System.out.printf("[samba-faults] %s cycle %d: %s in %d ms (%s)%s%n", ou.getRDN().getAttributeValues()[0],
                r.id(), r.status(), (System.nanoTime() - t0) / 1_000_000, r.counts(),
                r.message() == null ? "" : " " + r.message());
        return r;
    }

    /** Points the engine at another target OU from the next cycle on. */
    void targetOu(DN target) {
        config.updateAndGet(old -> new SyncConfiguration(old.cloud(), old.directory(), old.ouFilter(),
                new SyncConfiguration.GroupWriteback(true, target.toString(), true, 50_000, false),
                old.deletionThreshold(), old.scheduler()));
    }

    /** The DN the cloud group {@code id} must have in {@code target}. */
    DN expectedDn(String id, DN target) {
        return GroupNaming.dn(cloud.groups.get(id), target, true);
    }

    /**
     * Asserts the exact AD state the cloud implies: each cloud group exactly once in the whole domain (by its
     * marker), at its DN in {@code target}, with exactly its members, and anchored to that object; no marked group
     * of this scenario for any other id.
     */
    void assertExactState(LDAPConnection admin, DN target) throws LDAPException {
        Map<String, Anchor> anchors = engine.store().anchors();
        for (CloudGroup g : cloud.groups.values()) {
            List<SearchResultEntry> found = marked(admin, g.id());
            assertThat(found).as("groups carrying the marker of %s (%s)", g.displayName(), g.id()).hasSize(1);
            SearchResultEntry e = found.get(0);
            DN dn = expectedDn(g.id(), target);
            assertThat(e.getParsedDN()).as("DN of %s", g.displayName()).isEqualTo(dn);
            Set<DN> members = new HashSet<>();
            for (String v : e.getAttributeValues("member") == null ? new String[0] : e.getAttributeValues("member")) {
                members.add(new DN(v));
            }
            Set<DN> expected = new HashSet<>();
            for (CloudMember m : g.members()) {
                expected.add(USERS.containsKey(m.id()) ? USERS.get(m.id()) : expectedDn(m.id(), target));
            }
            assertThat(members).as("members of %s", dn).isEqualTo(expected);
            assertThat(e.getAttributeValue("description")).as("description of %s", dn).isEqualTo(g.description());
            assertThat(anchors.get(g.id())).as("anchor of %s", g.id()).isNotNull();
            assertThat(anchors.get(g.id()).guid()).as("anchor of %s", g.id())
                    .isEqualTo(ObjectGuid.fromBytes(e.getAttributeValueBytes("objectGUID")));
        }
        assertThat(anchors.keySet()).as("anchors").containsExactlyInAnyOrderElementsOf(cloud.groups.keySet());
        for (SearchResultEntry e : admin.search(new SearchRequest(SambaDc.BASE_DN.toString(), SearchScope.SUB,
                Filter.createSubstringFilter("adminDescription", "Group_", null, null), "adminDescription"))
                .getSearchEntries()) {
            String id = e.getAttributeValue("adminDescription").substring("Group_".length());
            if (e.getParsedDN().isDescendantOf(ou, false) || e.getParsedDN().isDescendantOf(target, false)) {
                assertThat(cloud.groups).as("marked group %s in the scenario's OU", e.getDN()).containsKey(id);
            }
        }
    }

    /** Every group in the domain carrying the marker of {@code id}. */
    static List<SearchResultEntry> marked(LDAPConnection admin, String id) throws LDAPException {
        return admin.search(new SearchRequest(SambaDc.BASE_DN.toString(), SearchScope.SUB,
                Filter.createEqualityFilter("adminDescription", GroupNaming.adminDescription(id)), "member",
                "objectGUID", "description")).getSearchEntries();
    }

    /** The members of the group at {@code dn}, read as the admin. */
    static Set<DN> members(LDAPConnection admin, DN dn) throws LDAPException {
        Set<DN> out = new HashSet<>();
        String[] values = admin.getEntry(dn.toString(), "member").getAttributeValues("member");
        for (String v : values == null ? new String[0] : values) {
            out.add(new DN(v));
        }
        return out;
    }

    @Override
    public void close() {
        engine.close();
    }
}
