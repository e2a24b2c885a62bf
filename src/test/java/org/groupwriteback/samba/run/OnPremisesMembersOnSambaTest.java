package org.groupwriteback.samba.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
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
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.run.FakeCloud;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.SyncCycle;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.StateStore;
import org.groupwriteback.samba.SambaDc;
import org.groupwriteback.samba.SambaTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On Samba: member groups synced from AD written by SID (global accepted, domain-local refused by the engine,
 * which Samba itself would allow), and a group converted to cloud source of authority updated in place.
 */
@SambaTest
class OnPremisesMembersOnSambaTest {
    private static final String PARENT = "c1000000-0000-4000-8000-000000000001";
    private static final String GLOBAL = "c1000000-0000-4000-8000-000000000002";
    private static final String LOCAL = "c1000000-0000-4000-8000-000000000003";
    private static final String CONVERTED = "c1000000-0000-4000-8000-000000000004";
    private static final DN GLOBAL_DN = new DN(new RDN("CN", "Onprem Global"), SambaDc.OTHER_OU);
    private static final DN LOCAL_DN = new DN(new RDN("CN", "Onprem Local"), SambaDc.OTHER_OU);
    private static final DN CONVERTED_DN = new DN(new RDN("CN", "Onprem Converted"), SambaDc.GROUPS_OU);

    @TempDir
    static Path data;
    private static StateStore store;
    private static LdapDirectory directory;
    private static SyncConfiguration config;
    private static final FakeCloud cloud = new FakeCloud();
    private static byte[] convertedGuid;
    private static byte[] convertedSid;

    @BeforeAll
    static void setUp(SambaDc dc) throws Exception {
        String globalSid;
        String localSid;
        try (LDAPConnection admin = dc.connectAdmin()) {
            WritebackPermissions.grant(SambaDc.GROUPS_OU, SambaDc.SERVICE_UPN, admin);
            globalSid = addGroup(admin, GLOBAL_DN, "-2147483646");
            localSid = addGroup(admin, LOCAL_DN, "-2147483644");
            addGroup(admin, CONVERTED_DN, "-2147483646");
            SearchResultEntry e = admin.getEntry(CONVERTED_DN.toString(), "objectGUID", "objectSid");
            convertedGuid = e.getAttributeValueBytes("objectGUID");
            convertedSid = e.getAttributeValueBytes("objectSid");
            cloud.user("alice", sid(admin, SambaDc.ALICE_DN)).user("bob", sid(admin, SambaDc.BOB_DN));
        }
        cloud.group(new CloudGroup(PARENT, "Parent", null, null, null, List.of(), true, false, null, List.of(),
                new WritebackConfiguration(true, "universalSecurityGroup"),
                Set.of(CloudMember.user("alice"), CloudMember.group(GLOBAL), CloudMember.group(LOCAL)), false));
        cloud.group(synced(GLOBAL, "Onprem Global", globalSid, null, Set.of()));
        cloud.group(synced(LOCAL, "Onprem Local", localSid, null, Set.of()));
        cloud.group(synced(CONVERTED, "Onprem Converted", Sid.fromBytes(convertedSid).value(), true,
                Set.of(CloudMember.user("bob"))));
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

    private static CloudGroup synced(String id, String name, String sid, Boolean cloudManaged,
            Set<CloudMember> members) {
        return new CloudGroup(id, name, null, null, null, List.of(), true, false, cloudManaged == null ? true : null,
                List.of(), null, members, false, sid, cloudManaged);
    }

    private static String addGroup(LDAPConnection admin, DN dn, String groupType) throws Exception {
        admin.add(new Entry(dn.toString(), new Attribute("objectClass", "top", "group"),
                new Attribute("sAMAccountName", dn.getRDN().getAttributeValues()[0].replace(" ", "-")),
                new Attribute("groupType", groupType)));
        return sid(admin, dn);
    }

    private static String sid(LDAPConnection c, DN dn) throws Exception {
        return Sid.fromBytes(c.getEntry(dn.toString(), "objectSid").getAttributeValueBytes("objectSid")).value();
    }

    @AfterAll
    static void tearDown() {
        if (directory != null) {
            directory.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private static RunRecord cycle() {
        return new SyncCycle(config, store, cloud, directory, Planner::plan, Clock.systemUTC())
                .run(Policy.DELTA, false, 0);
    }

    @Test
    void syncedGroupsAreMembersBySidTheDomainLocalOneIsRefusedAndTheConvertedGroupIsUpdatedInPlace(SambaDc dc)
            throws Exception {
        RunRecord first = cycle();

        assertThat(first.exportErrors()).as(first.toString()).singleElement().satisfies(e -> {
            assertThat(e.cloudId()).isEqualTo(PARENT);
            assertThat(e.message()).contains("Onprem Local", "Parent", WritebackRules.LOCAL_IN_UNIVERSAL);
        });
        assertThat(store.anchors().get(CONVERTED).origin()).isEqualTo(Anchor.Origin.CONVERTED);
        try (LDAPConnection admin = dc.connectAdmin()) {
            DN parent = new DN(new RDN("CN", "Group_" + PARENT), SambaDc.GROUPS_OU);
            assertThat(dns(admin.getEntry(parent.toString(), "member").getAttributeValues("member")))
                    .containsExactlyInAnyOrder(SambaDc.ALICE_DN, GLOBAL_DN);
            SearchResultEntry converted = admin.getEntry(CONVERTED_DN.toString(), "member", "objectGUID", "objectSid",
                    "groupType", "adminDescription");
            assertThat(dns(converted.getAttributeValues("member"))).containsExactly(SambaDc.BOB_DN);
            assertThat(converted.getAttributeValueBytes("objectGUID")).isEqualTo(convertedGuid);
            assertThat(converted.getAttributeValueBytes("objectSid")).isEqualTo(convertedSid);
            assertThat(converted.getAttributeValue("groupType")).as("scope kept").isEqualTo("-2147483646");
            assertThat(converted.getAttributeValue("adminDescription")).isNull();
            assertThat(admin.getEntry(new DN(new RDN("CN", "Group_" + CONVERTED), SambaDc.GROUPS_OU).toString()))
                    .as("never a second group").isNull();
        }

        RunRecord second = cycle();
        assertThat(second.counts().total()).as(second.toString()).isZero();
    }

    private static Set<DN> dns(String[] values) throws Exception {
        Set<DN> out = new HashSet<>();
        for (String v : values == null ? new String[0] : values) {
            out.add(new DN(v));
        }
        return out;
    }
}
