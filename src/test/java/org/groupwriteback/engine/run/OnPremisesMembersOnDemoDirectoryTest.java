package org.groupwriteback.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.SearchResultEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.groupwriteback.demo.directory.DemoDirectory;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.engine.config.Secret;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.GraphCloudSource;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.rules.WritebackRules;
import org.groupwriteback.engine.state.Anchor;
import org.groupwriteback.engine.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Members that came from on-premises AD (groups synced from AD, hybrid-joined devices) and groups whose source of
 * authority moved to the cloud, through the tenant emulator, Graph import, the planner and the demo directory.
 */
class OnPremisesMembersOnDemoDirectoryTest {
    static final String TENANT = "7d3c1c6e-0000-4000-8000-000000000001";
    static final String ADELE = "a0000000-0000-4000-8000-000000000001";
    static final String PROJECTS = "b0000000-0000-4000-8000-000000000001";
    static final String HR_STAFF = "b0000000-0000-4000-8000-000000000002";
    static final String LOCAL = "b0000000-0000-4000-8000-000000000003";
    static final String FINANCE = "b0000000-0000-4000-8000-000000000004";
    static final String HYBRID_LAPTOP = "d0000000-0000-4000-8000-000000000001";
    static final String CLOUD_LAPTOP = "d0000000-0000-4000-8000-000000000002";

    @TempDir
    Path dir;
    DemoDirectory demo;
    TenantEmulator tenant;
    LdapDirectory ldap;
    GraphCloudSource cloud;
    StateStore store;
    DN corp;
    DN hrStaff;
    DN localGroup;
    DN finance;
    DN adele;
    DN laptop;
    String financeGuid;
    byte[] financeSid;

    @BeforeEach
    void setUp() throws Exception {
        demo = DemoDirectory.startDefault(0);
        corp = new DN("OU=Corp," + demo.baseDn());
        hrStaff = new DN("CN=HR Staff,OU=Groups," + corp);
        adele = new DN("CN=Adele Vance,OU=Users," + corp);
        laptop = new DN("CN=FAB-LT-0101,OU=Users," + corp);
        localGroup = new DN("CN=Printers Local,OU=Groups," + corp);
        finance = new DN("CN=Finance Team,OU=Groups," + corp);
        String localSid;
        String financeSidText;
        try (LDAPConnection c = demo.connection()) {
            c.add(new Entry(localGroup.toString(), new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "group"),
                    new com.unboundid.ldap.sdk.Attribute("sAMAccountName", "Printers Local"),
                    new com.unboundid.ldap.sdk.Attribute("groupType", "-2147483644")));
            c.add(new Entry(finance.toString(), new com.unboundid.ldap.sdk.Attribute("objectClass", "top", "group"),
                    new com.unboundid.ldap.sdk.Attribute("sAMAccountName", "Finance Team"),
                    new com.unboundid.ldap.sdk.Attribute("description", "kept as it is")));
            localSid = Sid.fromBytes(c.getEntry(localGroup.toString(), "objectSid").getAttributeValueBytes("objectSid"))
                    .value();
            SearchResultEntry f = c.getEntry(finance.toString(), "objectSid", "objectGUID");
            financeSid = f.getAttributeValueBytes("objectSid");
            financeGuid = java.util.Arrays.toString(f.getAttributeValueBytes("objectGUID"));
            financeSidText = Sid.fromBytes(financeSid).value();
        }
        String domain = demo.domainSid().value();
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.putObject("tenant").put("id", TENANT).put("displayName", "Fabrikam").put("defaultDomain", "fabrikam.test");
        root.putArray("users").addObject().put("id", ADELE).put("displayName", "Adele Vance")
                .put("userPrincipalName", "adele@fabrikam.test").put("onPremisesSyncEnabled", true)
                .put("onPremisesSecurityIdentifier", domain + "-1105");
        ArrayNode devices = root.putArray("devices");
        devices.addObject().put("id", HYBRID_LAPTOP).put("displayName", "FAB-LT-0101").put("trustType", "ServerAd")
                .put("onPremisesSyncEnabled", true).put("onPremisesSecurityIdentifier", domain + "-1300");
        devices.addObject().put("id", CLOUD_LAPTOP).put("displayName", "Surface-42").put("trustType", "AzureAd");
        ArrayNode groups = root.putArray("groups");
        ObjectNode projects = groups.addObject().put("id", PROJECTS).put("displayName", "Projects")
                .put("mailNickname", "projects").put("securityEnabled", true).put("mailEnabled", false);
        projects.putObject("writebackConfiguration").put("isEnabled", true);
        projects.putArray("members").add(ADELE).add(HR_STAFF).add(LOCAL).add(HYBRID_LAPTOP).add(CLOUD_LAPTOP);
        synced(groups.addObject(), HR_STAFF, "HR Staff", domain + "-1142");
        synced(groups.addObject(), LOCAL, "Printers Local", localSid);
        ObjectNode converted = synced(groups.addObject(), FINANCE, "Finance Team", financeSidText);
        converted.putObject("onPremisesSyncBehavior").put("isCloudManaged", true);
        converted.putArray("members").add(ADELE);
        TenantFixture fixture = TenantFixture.parse(new ByteArrayInputStream(json.writeValueAsBytes(root)), "test");
        tenant = TenantEmulator.builder(fixture).directory(dir.resolve("tenant")).start();

        Path secret = dir.resolve("secret.txt");
        DataDirectory.writeSecretFile(secret, tenant.clientSecret().toCharArray());
        cloud = new GraphCloudSource(new SyncConfiguration.Cloud(tenant.authority(), tenant.graphBaseUrl(),
                tenant.clientId(), new SyncConfiguration.Credential(secret.toString(), null, null),
                tenant.caCertificate().toString()));
        ldap = LdapDirectory.open(config().directory(), Secret.of("test password", demo.bindPassword().toCharArray()));
        store = StateStore.open(dir.resolve("state"));
    }

    private static ObjectNode synced(ObjectNode g, String id, String name, String sid) {
        return g.put("id", id).put("displayName", name).put("mailNickname", name.replace(" ", ""))
                .put("securityEnabled", true).put("mailEnabled", false).put("onPremisesSyncEnabled", true)
                .put("onPremisesSecurityIdentifier", sid);
    }

    SyncConfiguration config() {
        return new SyncConfiguration(
                new SyncConfiguration.Cloud("https://login.test/t", "https://graph.test/v1.0", "client",
                        new SyncConfiguration.Credential("secret.txt", null, null), null),
                new SyncConfiguration.Directory(demo.ldapUrl(), demo.bindDn().toString(), null, null,
                        demo.baseDn().toString()),
                new SyncConfiguration.OuFilter(List.of(corp.toString()), List.of()),
                new SyncConfiguration.GroupWriteback(true, "OU=Cloud Groups," + corp, false, 50_000, false),
                500, new SyncConfiguration.Scheduler(true, 30));
    }

    @AfterEach
    void tearDown() {
        store.close();
        ldap.close();
        cloud.close();
        tenant.close();
        demo.stop();
    }

    RunRecord cycle() {
        return new SyncCycle(config(), store, cloud, ldap, Planner::plan, Clock.systemUTC()).run(Policy.DELTA, false, 0);
    }

    Set<DN> members(DN group) throws Exception {
        try (LDAPConnection c = demo.connection()) {
            SearchResultEntry e = c.getEntry(group.toString(), "member");
            String[] values = e.getAttributeValues("member");
            return values == null ? Set.of() : java.util.Arrays.stream(values).map(v -> {
                try {
                    return new DN(v);
                } catch (com.unboundid.ldap.sdk.LDAPException ex) {
                    throw new IllegalStateException(ex);
                }
            }).collect(Collectors.toSet());
        }
    }

    @Test
    void syncedGroupsAndHybridDevicesAreWrittenBySidAndADomainLocalGroupIsRefusedByName() throws Exception {
        RunRecord first = cycle();

        DN projects = new DN("CN=Group_" + PROJECTS + ",OU=Cloud Groups," + corp);
        assertThat(members(projects)).containsExactlyInAnyOrder(adele, hrStaff, laptop);
        assertThat(first.skippedMembers().cloudOnlyDevices()).isEqualTo(1);
        assertThat(first.exportErrors()).singleElement().satisfies(e -> {
            assertThat(e.cloudId()).isEqualTo(PROJECTS);
            assertThat(e.message()).contains("Printers Local", "Projects", WritebackRules.LOCAL_IN_UNIVERSAL);
        });

        RunRecord second = cycle();
        assertThat(second.counts().memberAdds() + second.counts().memberRemoves() + second.counts().creates()
                + second.counts().updates()).isZero();
        assertThat(members(projects)).containsExactlyInAnyOrder(adele, hrStaff, laptop);
    }

    @Test
    void aGroupConvertedToTheCloudIsUpdatedInPlaceAndReleasedOnRollback() throws Exception {
        RunRecord first = cycle();

        assertThat(first.status()).as(first.message() + " " + first.exportErrors()).isIn(RunStatus.SUCCESS,
                RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(members(finance)).containsExactly(adele);
        Anchor anchor = store.anchors().get(FINANCE);
        assertThat(anchor.origin()).isEqualTo(Anchor.Origin.CONVERTED);
        try (LDAPConnection c = demo.connection()) {
            SearchResultEntry f = c.getEntry(finance.toString(), "objectSid", "objectGUID", "description",
                    "adminDescription");
            assertThat(f.getAttributeValueBytes("objectSid")).isEqualTo(financeSid);
            assertThat(java.util.Arrays.toString(f.getAttributeValueBytes("objectGUID"))).isEqualTo(financeGuid);
            assertThat(f.getAttributeValue("description")).isEqualTo("kept as it is");
            assertThat(f.getAttributeValue("adminDescription")).isNull();
            assertThat(c.getEntry("CN=Group_" + FINANCE + ",OU=Cloud Groups," + corp)).isNull();
        }

        tenant.removeMember(FINANCE, ADELE);
        cycle();
        assertThat(members(finance)).isEmpty();

        tenant.setCloudManaged(FINANCE, false);
        tenant.addMember(FINANCE, ADELE);
        RunRecord rolledBack = cycle();
        assertThat(rolledBack.counts().deletes()).isZero();
        assertThat(store.anchors()).doesNotContainKey(FINANCE);
        assertThat(members(finance)).as("no longer managed from the cloud").isEmpty();
        try (LDAPConnection c = demo.connection()) {
            assertThat(c.getEntry(finance.toString())).as("kept in AD").isNotNull();
        }
    }
}
