package org.groupwriteback.samba.run;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.ad.permissions.WritebackPermissions;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.run.FakeCloud;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.SyncCycle;
import org.groupwriteback.engine.state.StateStore;
import org.groupwriteback.samba.SambaDc;

/**
 * Whole sync cycles against a Samba DC as the engine runs them: the delegated service account (granted
 * group-writeback's rights on {@link SambaDc#GROUPS_OU}) over LDAPS with the DC's CA, the real planner, an H2 state
 * store in {@code data}, and a {@link FakeCloud} the test fills.
 */
final class SambaCycle implements AutoCloseable {
    final FakeCloud cloud = new FakeCloud();
    final SyncConfiguration config;
    final LdapDirectory directory;
    final StateStore store;

    private SambaCycle(SambaDc dc, Path data) throws Exception {
        try (LDAPConnection admin = dc.connectAdmin()) {
            WritebackPermissions.grant(SambaDc.GROUPS_OU, SambaDc.SERVICE_UPN, admin);
        }
        SyncConfiguration.Directory d = new SyncConfiguration.Directory(dc.ldapsUrl(), SambaDc.SERVICE_DN.toString(),
                null, dc.caCertificate().toString(), SambaDc.BASE_DN.toString());
        config = new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.test/t", "https://graph.test/v1.0", "client",
                        new SyncConfiguration.Credential("secret.txt", null, null), null),
                d, new SyncConfiguration.OuFilter(List.of(SambaDc.BASE_DN.toString()), List.of()),
                new SyncConfiguration.GroupWriteback(true, SambaDc.GROUPS_OU.toString(), false, 50_000, false),
                500, new SyncConfiguration.Scheduler(true, 30));
        directory = LdapDirectory.open(d, Secret.of("test password", SambaDc.SERVICE_PASSWORD.toCharArray()));
        store = StateStore.open(data);
    }

    /** Grants the service account its rights on the groups OU and opens the directory and the state store. */
    static SambaCycle open(SambaDc dc, Path data) throws Exception {
        return new SambaCycle(dc, data);
    }

    /** One delta cycle; the record is returned whatever its status. */
    RunRecord cycle() {
        return new SyncCycle(config, store, cloud, directory, Planner::plan, Clock.systemUTC())
                .run(Policy.DELTA, false, 0);
    }

    /** The objectSid of an AD object, read as the administrator. */
    static Sid sid(LDAPConnection c, DN dn) throws LDAPException {
        return Sid.fromBytes(c.getEntry(dn.toString(), "objectSid").getAttributeValueBytes("objectSid"));
    }

    /** Attribute values parsed as DNs (null values = none). */
    static Set<DN> dns(String[] values) throws LDAPException {
        Set<DN> out = new HashSet<>();
        for (String v : values == null ? new String[0] : values) {
            out.add(new DN(v));
        }
        return out;
    }

    @Override
    public void close() {
        directory.close();
        store.close();
    }
}
