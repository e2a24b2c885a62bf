package org.groupwriteback.samba.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.CloudMember;
import org.groupwriteback.engine.graph.WritebackConfiguration;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.run.FakeCloud;
import org.groupwriteback.engine.run.RunRecord;
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
    private static SambaCycle sync;
    private static FakeCloud cloud;
    private static StateStore store;
    private static byte[] convertedGuid;
    private static byte[] convertedSid;

    @BeforeAll
    static void setUp(SambaDc dc) throws Exception {
        sync = SambaCycle.open(dc, data);
        cloud = sync.cloud;
        store = sync.store;
        String globalSid;
        String localSid;
        try (LDAPConnection admin = dc.connectAdmin()) {
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
        return SambaCycle.sid(c, dn).value();
    }

    @AfterAll
    static void tearDown() {
        if (sync != null) {
            sync.close();
        }
    }

    private static RunRecord cycle() {
        return sync.cycle();
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
        return SambaCycle.dns(values);
    }
}
