package org.groupwriteback.samba.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.groupwriteback.engine.config.DataDirectory;
import org.groupwriteback.demo.tenant.TenantEmulator;
import org.groupwriteback.demo.tenant.TenantFixture;
import org.groupwriteback.engine.ad.AdDn;
import org.groupwriteback.engine.ad.Directory;
import org.groupwriteback.engine.ad.LdapDirectory;
import org.groupwriteback.engine.ad.Sid;
import org.groupwriteback.engine.ad.permissions.WritebackPermissions;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudSource;
import org.groupwriteback.engine.graph.GraphCloudSource;
import org.groupwriteback.cli.Main;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.plan.Planner;
import org.groupwriteback.engine.run.Connectors;
import org.groupwriteback.engine.run.Engine;
import org.groupwriteback.engine.run.ExportError;
import org.groupwriteback.engine.run.Policy;
import org.groupwriteback.engine.run.RunRecord;
import org.groupwriteback.engine.run.RunStatus;
import org.groupwriteback.engine.run.SyncCycle;
import org.groupwriteback.samba.SambaDc;
import org.groupwriteback.samba.SambaTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Whole sync cycles with the real cloud side against Samba: the local tenant emulator read by
 * {@link GraphCloudSource}, the planner, the H2 state store and {@link LdapDirectory} over LDAPS as the delegated
 * sync account, driven through {@link Engine}. Every scenario reads the resulting AD state back with the admin
 * connection. The scenarios share one DC and one tenant and run in order, as an admin's week would: initial
 * writeback, renames and a move, type and member changes, collisions, drift, deletes, and finally disabling
 * writeback as a whole.
 */
@SambaTest(manyUsers = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WritebackCyclesOnSambaTest {
    private static final int GLOBAL_SCOPE = 0x2;
    private static final int DOMAIN_LOCAL_SCOPE = 0x4;
    private static final int UNIVERSAL_SCOPE = 0x8;
    private static final String SECURITY_UNIVERSAL = "-2147483640";
    private static final String DISTRIBUTION_UNIVERSAL = "8";
    /** sAMAccountType of a security global/universal group (SAM_GROUP_OBJECT). */
    private static final String SAM_GROUP_OBJECT = "268435456";
    /** sAMAccountType of a distribution global/universal group (SAM_NON_SECURITY_GROUP_OBJECT). */
    private static final String SAM_NON_SECURITY_GROUP_OBJECT = "268435457";
    private static final int BIG = SambaDc.MANY_USERS;

    // tenant A: display-name naming, target OU=Groups (later OU=Moved)
    private static final String ALICE = "a1000000-0000-0000-0000-000000000001";
    private static final String BOB = "a1000000-0000-0000-0000-000000000002";
    private static final String CLOUD_ONLY = "a1000000-0000-0000-0000-000000000003";
    private static final String M365_DIST = "b1000000-0000-0000-0000-0000000000d1";
    private static final String M365_SEC = "b1000000-0000-0000-0000-0000000000d2";
    private static final String M365_MAILSEC = "b1000000-0000-0000-0000-0000000000d3";
    private static final String CLOUD_SEC = "b1000000-0000-0000-0000-0000000000d4";
    private static final String CLOUD_SEC_NO_WRITEBACK = "b1000000-0000-0000-0000-0000000000d5";
    private static final String BIG_GROUP = "b1000000-0000-0000-0000-0000000000d6";
    private static final String SIGNS = "b1000000-0000-0000-0000-0000000000d7";
    private static final String COLLIDING = "b1000000-0000-0000-0000-0000000000d8";
    private static final String CONTROL = "b1000000-0000-0000-0000-0000000000d9";
    private static final String ADOPTED = "b1000000-0000-0000-0000-0000000000da";
    /** Tab and line feed (AD refuses a line feed in an RDN) and an emoji whose surrogate pair straddles the cut. */
    private static final String CONTROL_NAME = "Tab\there, line\nbreak; " + "y".repeat(28) + "\uD83C\uDF89 tail";

    private static final String M365_DIST_NAME = "Sales, Marketing + \"Ops\"";
    private static final String M365_SEC_NAME = "#1 Team = A\\B";
    private static final String M365_MAILSEC_NAME = "  Ünïcødé Grüppe 日本語 — Zürich  ";
    private static final String CLOUD_SEC_NAME = ("Long name; with <angle> brackets, 'quotes' and   spaces "
            + "x".repeat(120)).substring(0, 120);
    private static final String SIGNS_NAME = " leading space, ends with backslash\\";

    // tenant B: default naming Group_<objectId>, target OU=ById,OU=Groups
    private static final String B_ALICE = "a2000000-0000-0000-0000-000000000001";
    private static final String B_M365 = "b2000000-0000-0000-0000-0000000000e1";
    private static final String B_SEC = "b2000000-0000-0000-0000-0000000000e2";

    // tenant C: target OU=Other, which the sync account has no rights on
    private static final String C_SEC = "b3000000-0000-0000-0000-0000000000f1";

    private static final DN MOVED_OU = new DN(new RDN("OU", "Moved, \"Archive\" #2"), SambaDc.GROUPS_OU);
    private static final DN BY_ID_OU = new DN(new RDN("OU", "ById"), SambaDc.GROUPS_OU);
    private static final DN CONTROL_DN = new DN(new RDN("CN", "Tab here, line break; " + "y".repeat(28)
            + "_0000000000d9"), MOVED_OU);

    @TempDir
    static Path tmp;
    private static SambaDc dc;
    private static TenantEmulator tenantA;
    private static TenantEmulator tenantB;
    private static TenantEmulator tenantC;
    private static Side a;
    private static Side b;
    private static Side c;
    private static final List<String> manyIds = new ArrayList<>();
    private static final Map<String, byte[]> guids = new HashMap<>();
    private static final Map<String, byte[]> sids = new HashMap<>();

    /** One engine with its data directory, its configuration (changeable between cycles) and its tenant. */
    private record Side(Engine engine, AtomicReference<SyncConfiguration> config) {
        RunRecord cycle() throws org.groupwriteback.engine.run.CycleBusyException {
            return cycle(0);
        }

        RunRecord cycle(int allowDeletes) throws org.groupwriteback.engine.run.CycleBusyException {
            return cycle(allowDeletes, false);
        }

        RunRecord cycle(int allowDeletes, boolean adopt) throws org.groupwriteback.engine.run.CycleBusyException {
            long t0 = System.nanoTime();
            RunRecord r = engine.sync(new SyncCycle.Request(Policy.DELTA, false, allowDeletes, adopt), "test");
            System.out.printf("[samba2] cycle %d: %s in %d ms (%s)%n", r.id(), r.status(),
                    (System.nanoTime() - t0) / 1_000_000, r.counts());
            return r;
        }

        void change(UnaryOperator<SyncConfiguration.GroupWriteback> edit) {
            config.updateAndGet(old -> new SyncConfiguration(old.cloud(), old.directory(), old.ouFilter(),
                    edit.apply(old.groupWriteback()), old.deletionThreshold(), old.scheduler()));
        }
    }

    @BeforeAll
    static void setUp(SambaDc samba) throws Exception {
        dc = samba;
        Map<String, String> manySids = new LinkedHashMap<>();
        String aliceSid;
        String bobSid;
        try (LDAPConnection admin = dc.connectAdmin()) {
            WritebackPermissions.grant(SambaDc.GROUPS_OU, SambaDc.SERVICE_UPN, admin);
            // created after the grant, so they inherit the delegation like any sub-OU an admin makes later
            for (DN ou : List.of(MOVED_OU, BY_ID_OU)) {
                admin.add(ou.toString(), new Attribute("objectClass", "organizationalUnit"));
            }
            aliceSid = sidOf(admin, SambaDc.ALICE_DN);
            bobSid = sidOf(admin, SambaDc.BOB_DN);
            for (SearchResultEntry e : admin.search(new SearchRequest(SambaDc.MANY_OU.toString(), SearchScope.ONE,
                    Filter.createEqualityFilter("objectClass", "user"), "cn", "objectSid")).getSearchEntries()) {
                manySids.put(e.getAttributeValue("cn"), Sid.fromBytes(e.getAttributeValueBytes("objectSid")).value());
            }
        }
        assertThat(manySids).hasSize(BIG);

        List<TenantFixture.User> users = new ArrayList<>();
        users.add(synced(ALICE, "Alice", aliceSid));
        users.add(synced(BOB, "Bob", bobSid));
        users.add(new TenantFixture.User(CLOUD_ONLY, "Cloud Only", "cloud.only@corp.example.test", null, false, null,
                null, null));
        for (int i = 0; i < BIG; i++) {
            String cn = String.format("many%04d", i);
            String id = UUID.nameUUIDFromBytes(cn.getBytes(StandardCharsets.UTF_8)).toString();
            manyIds.add(id);
            users.add(synced(id, cn, manySids.get(cn)));
        }
        List<TenantFixture.Group> groups = List.of(
                m365(M365_DIST, M365_DIST_NAME, "sales", null, List.of(ALICE, BOB)),
                m365(M365_SEC, M365_SEC_NAME, "team1", "universalSecurityGroup", List.of(ALICE)),
                m365(M365_MAILSEC, M365_MAILSEC_NAME, "zurich", "universalMailEnabledSecurityGroup", List.of(BOB)),
                security(CLOUD_SEC, CLOUD_SEC_NAME, true, List.of(ALICE, CLOUD_ONLY, M365_SEC)),
                security(CLOUD_SEC_NO_WRITEBACK, "Not written back", null, List.of(ALICE)),
                security(BIG_GROUP, "Everyone in Many", true, manyIds),
                security(SIGNS, SIGNS_NAME, true, List.of(BOB)));
        tenantA = TenantEmulator.builder(new TenantFixture(new TenantFixture.Tenant(
                "4a000000-0000-0000-0000-00000000000a", "Tenant A", "corp.example.test"), true, users, groups))
                .directory(Files.createDirectories(tmp.resolve("tenant-a"))).start();
        a = side("a", tenantA, SambaDc.GROUPS_OU, true);

        tenantB = TenantEmulator.builder(new TenantFixture(new TenantFixture.Tenant(
                "4b000000-0000-0000-0000-00000000000b", "Tenant B", "corp.example.test"), true,
                List.of(synced(B_ALICE, "Alice", aliceSid)),
                List.of(m365(B_M365, "Hostile, but ignored = \"id naming\"", "bm365", null, List.of(B_ALICE)),
                        security(B_SEC, "#B security", true, List.of(B_ALICE)))))
                .directory(Files.createDirectories(tmp.resolve("tenant-b"))).start();
        b = side("b", tenantB, BY_ID_OU, false);

        tenantC = TenantEmulator.builder(new TenantFixture(new TenantFixture.Tenant(
                "4c000000-0000-0000-0000-00000000000c", "Tenant C", "corp.example.test"), true, List.of(),
                List.of(security(C_SEC, "Outside the delegation", true, List.of()))))
                .directory(Files.createDirectories(tmp.resolve("tenant-c"))).start();
        c = side("c", tenantC, SambaDc.OTHER_OU, true);
    }

    @AfterAll
    static void tearDown() {
        for (Side s : new Side[] {a, b, c}) {
            if (s != null) {
                s.engine().close();
            }
        }
        for (TenantEmulator t : new TenantEmulator[] {tenantA, tenantB, tenantC}) {
            if (t != null) {
                t.close();
            }
        }
    }

    @Test
    @Order(10)
    void initialWritebackCreatesEveryKindWithHostileNamesInBothNamingModes() throws Exception {
        RunRecord first = a.cycle();
        assertThat(first.status()).as(first.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(first.counts().creates()).isEqualTo(6);
        assertThat(first.skippedMembers().cloudOnlyUsers()).as("the cloud-only user is skipped, not an error")
                .isEqualTo(1);

        try (LDAPConnection admin = dc.connectAdmin()) {
            assertGroup(admin, M365_DIST, expectedDn(M365_DIST, M365_DIST_NAME, SambaDc.GROUPS_OU),
                    DISTRIBUTION_UNIVERSAL, SAM_NON_SECURITY_GROUP_OBJECT, "sales@corp.example.test",
                    Set.of(SambaDc.ALICE_DN, SambaDc.BOB_DN));
            assertGroup(admin, M365_SEC, expectedDn(M365_SEC, M365_SEC_NAME, SambaDc.GROUPS_OU), SECURITY_UNIVERSAL,
                    SAM_GROUP_OBJECT, null, Set.of(SambaDc.ALICE_DN));
            assertGroup(admin, M365_MAILSEC, expectedDn(M365_MAILSEC, M365_MAILSEC_NAME, SambaDc.GROUPS_OU),
                    SECURITY_UNIVERSAL, SAM_GROUP_OBJECT, "zurich@corp.example.test", Set.of(SambaDc.BOB_DN));
            assertGroup(admin, CLOUD_SEC, expectedDn(CLOUD_SEC, CLOUD_SEC_NAME, SambaDc.GROUPS_OU),
                    SECURITY_UNIVERSAL, SAM_GROUP_OBJECT, null,
                    Set.of(SambaDc.ALICE_DN, expectedDn(M365_SEC, M365_SEC_NAME, SambaDc.GROUPS_OU)));
            assertGroup(admin, SIGNS, expectedDn(SIGNS, SIGNS_NAME, SambaDc.GROUPS_OU), SECURITY_UNIVERSAL,
                    SAM_GROUP_OBJECT, null, Set.of(SambaDc.BOB_DN));
            Set<DN> everyone = new HashSet<>();
            for (int i = 0; i < BIG; i++) {
                everyone.add(SambaDc.manyUser(i));
            }
            DN big = expectedDn(BIG_GROUP, "Everyone in Many", SambaDc.GROUPS_OU);
            assertGroup(admin, BIG_GROUP, big, SECURITY_UNIVERSAL, SAM_GROUP_OBJECT, null, null);
            assertThat(rangedMembers(admin, big)).as("all members, read with range retrieval").isEqualTo(everyone);
            assertThat(admin.getEntry(w(expectedDn(M365_MAILSEC, M365_MAILSEC_NAME, SambaDc.GROUPS_OU)), "cn")
                    .getAttributeValue("cn")).as("surrounding spaces trimmed, non-ASCII kept")
                    .isEqualTo("Ünïcødé Grüppe 日本語 — Zürich_0000000000d3");
            assertThat(byMarker(admin, CLOUD_SEC_NO_WRITEBACK)).as("security group without writeback").isNull();
        }

        RunRecord firstB = b.cycle();
        assertThat(firstB.status()).as(firstB.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(firstB.counts().creates()).isEqualTo(2);
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertGroup(admin, B_M365, new DN(new RDN("CN", "Group_" + B_M365), BY_ID_OU), DISTRIBUTION_UNIVERSAL,
                    SAM_NON_SECURITY_GROUP_OBJECT, "bm365@corp.example.test", Set.of(SambaDc.ALICE_DN));
            assertGroup(admin, B_SEC, new DN(new RDN("CN", "Group_" + B_SEC), BY_ID_OU), SECURITY_UNIVERSAL,
                    SAM_GROUP_OBJECT, null, Set.of(SambaDc.ALICE_DN));
        }

        // what was written reads back as equal: hostile names and 1,600 members cause no further writes
        assertThat(a.cycle().counts().total()).isZero();
        assertThat(b.cycle().counts().total()).isZero();
    }


    /**
     * The same engine through the CLI, as an admin runs it: {@code gwb sync --data DIR --json} with a
     * {@code configuration.json} whose secret, password and CA files are relative to the data directory. In
     * {@code Group_<objectId>} naming a cloud rename changes displayName only, never the DN.
     */
    @Test
    @Order(15)
    void cliSyncWithAConfigurationFileUpdatesTheDisplayNameButNotTheDnInIdNaming() throws Exception {
        Path data = tmp.resolve("data-b");
        SyncConfiguration abs = b.config().get();
        b.engine().close();
        b = null;
        Files.copy(Path.of(abs.cloud().caCertificate()), data.resolve("graph-ca.pem"));
        Files.copy(dc.caCertificate(), data.resolve("ad-ca.pem"));
        ConfigurationJson.write(data.resolve("configuration.json"), new SyncConfiguration(
                new SyncConfiguration.Cloud(abs.cloud().authority(), abs.cloud().graphBaseUrl(), abs.cloud().clientId(),
                        new SyncConfiguration.Credential("client-secret.txt", null, null), "graph-ca.pem"),
                new SyncConfiguration.Directory(abs.directory().ldapUrl(), abs.directory().bindDn(),
                        "ldap-password.txt", "ad-ca.pem", abs.directory().baseDn()),
                abs.ouFilter(), abs.groupWriteback(), abs.deletionThreshold(), abs.scheduler()));
        tenantB.renameGroup(B_SEC, "Renamed, but the DN stays");

        JsonNode run = cliSync(data, 0);
        assertThat(run.path("status").asText()).isEqualTo("SUCCESS");
        assertThat(run.path("counts").path("updates").asInt()).isEqualTo(1);
        assertThat(run.path("counts").path("renames").asInt()).isZero();
        try (LDAPConnection admin = dc.connectAdmin()) {
            SearchResultEntry e = admin.getEntry(w(new DN(new RDN("CN", "Group_" + B_SEC), BY_ID_OU)), "displayName",
                    "objectGUID");
            assertThat(e.getAttributeValue("displayName")).isEqualTo("Renamed, but the DN stays");
            assertThat(e.getAttributeValueBytes("objectGUID")).isEqualTo(guids.get(B_SEC));
        }
        JsonNode again = cliSync(data, 0);
        for (String kind : List.of("creates", "updates", "renames", "moves", "memberAdds", "memberRemoves",
                "deletes")) {
            assertThat(again.path("counts").path(kind).asInt()).as(kind).isZero();
        }
    }

    private static JsonNode cliSync(Path data, int expectedExit) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        long t0 = System.nanoTime();
        int exit = cmd.execute("sync", "--data", data.toString(), "--json");
        System.out.printf("[samba2] gwb sync exit %d in %d ms%n", exit, (System.nanoTime() - t0) / 1_000_000);
        assertThat(exit).as(out + "\n" + err).isEqualTo(expectedExit);
        return new ObjectMapper().readTree(out.toString());
    }

    @Test
    @Order(20)
    void cloudRenameRenamesAndTargetOuChangeMovesKeepingGuidAndSid() throws Exception {
        String newName = "Renamed: \"R&D\", Lab #3 = <new>";
        tenantA.renameGroup(CLOUD_SEC, newName);
        RunRecord renamed = a.cycle();
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(renamed.counts().renames()).isEqualTo(1);
        assertThat(renamed.counts().creates()).isZero();
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThat(admin.getEntry(w(expectedDn(CLOUD_SEC, CLOUD_SEC_NAME, SambaDc.GROUPS_OU)))).isNull();
            SearchResultEntry e = admin.getEntry(w(expectedDn(CLOUD_SEC, newName, SambaDc.GROUPS_OU)),
                    "objectGUID", "objectSid", "displayName");
            assertThat(e).isNotNull();
            assertThat(e.getAttributeValue("displayName")).isEqualTo(newName);
            assertSameObject(CLOUD_SEC, e);
        }

        a.change(gw -> new SyncConfiguration.GroupWriteback(gw.enabled(), MOVED_OU.toString(),
                gw.dnWithDisplayName(), gw.memberLimit(), gw.deleteWhenWritebackDisabled()));
        RunRecord moved = a.cycle();
        assertThat(moved.status()).as(moved.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(moved.counts().moves()).isEqualTo(6);
        assertThat(moved.counts().creates()).isZero();
        assertThat(moved.counts().deletes()).isZero();
        try (LDAPConnection admin = dc.connectAdmin()) {
            Map<String, String> names = Map.of(M365_DIST, M365_DIST_NAME, M365_SEC, M365_SEC_NAME, M365_MAILSEC,
                    M365_MAILSEC_NAME, CLOUD_SEC, newName, BIG_GROUP, "Everyone in Many", SIGNS, SIGNS_NAME);
            for (Map.Entry<String, String> g : names.entrySet()) {
                SearchResultEntry e = admin.getEntry(w(expectedDn(g.getKey(), g.getValue(), MOVED_OU)),
                        "objectGUID", "objectSid");
                assertThat(e).as("moved " + g.getValue()).isNotNull();
                assertSameObject(g.getKey(), e);
            }
            assertThat(children(admin, SambaDc.GROUPS_OU)).as("only the seeded groups stay in the old OU")
                    .containsExactlyInAnyOrder(SambaDc.SEC_UNIVERSAL_DN, SambaDc.DIST_UNIVERSAL_DN);
            // the nested member value followed the move
            assertThat(members(admin, expectedDn(CLOUD_SEC, newName, MOVED_OU)))
                    .containsExactlyInAnyOrder(SambaDc.ALICE_DN, expectedDn(M365_SEC, M365_SEC_NAME, MOVED_OU));
        }
        assertThat(a.cycle().counts().total()).isZero();
    }


    @Test
    @Order(25)
    void controlCharactersBecomeSpacesAndAnEmojiAtTheCutIsLeftOutWhole() throws Exception {
        assertThat(CONTROL_NAME.strip().charAt(50)).as("the cut falls inside the emoji")
                .matches(Character::isHighSurrogate);
        tenantA.createGroup(security(CONTROL, CONTROL_NAME, true, List.of(ALICE)));
        RunRecord r = a.cycle();
        assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.counts().creates()).isEqualTo(1);
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertGroup(admin, CONTROL, CONTROL_DN, SECURITY_UNIVERSAL, SAM_GROUP_OBJECT, null,
                    Set.of(SambaDc.ALICE_DN));
            assertThat(admin.getEntry(w(CONTROL_DN), "displayName").getAttributeValue("displayName"))
                    .as("displayName keeps the cloud value").isEqualTo(CONTROL_NAME);
        }
        assertThat(a.cycle().counts().total()).isZero();
    }

    @Test
    @Order(30)
    void typeChangeInPlaceAndMemberChangesIncludingTenRemovedFromTheBigGroup() throws Exception {
        tenantA.setWriteback(M365_DIST, true, "universalSecurityGroup");
        tenantA.removeMember(M365_DIST, BOB);
        tenantA.addMember(M365_DIST, manyIds.get(0));
        tenantA.addMember(M365_DIST, M365_SEC);
        for (int i = 0; i < 10; i++) {
            tenantA.removeMember(BIG_GROUP, manyIds.get(BIG - 1 - i));
        }
        RunRecord r = a.cycle();
        assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.counts().memberAdds()).isEqualTo(2);
        assertThat(r.counts().memberRemoves()).isEqualTo(11);
        assertThat(r.counts().creates()).isZero();

        try (LDAPConnection admin = dc.connectAdmin()) {
            DN dist = expectedDn(M365_DIST, M365_DIST_NAME, MOVED_OU);
            SearchResultEntry e = admin.getEntry(w(dist), "groupType", "sAMAccountType", "objectGUID",
                    "objectSid", "mail", "proxyAddresses");
            assertThat(e.getAttributeValue("groupType")).isEqualTo(SECURITY_UNIVERSAL);
            assertThat(e.getAttributeValue("sAMAccountType")).isEqualTo(SAM_GROUP_OBJECT);
            assertThat(e.getAttributeValue("mail")).as("a security group carries no mail").isNull();
            assertThat(e.getAttributeValue("proxyAddresses")).isNull();
            assertThat(e.getAttributeValueBytes("objectGUID")).as("same object").isEqualTo(guids.get(M365_DIST));
            assertThat(members(admin, dist)).containsExactlyInAnyOrder(SambaDc.ALICE_DN, SambaDc.manyUser(0),
                    expectedDn(M365_SEC, M365_SEC_NAME, MOVED_OU));
            Set<DN> big = rangedMembers(admin, expectedDn(BIG_GROUP, "Everyone in Many", MOVED_OU));
            assertThat(big).hasSize(BIG - 10).doesNotContain(SambaDc.manyUser(BIG - 1), SambaDc.manyUser(BIG - 10))
                    .contains(SambaDc.manyUser(BIG - 11));
        }
        assertThat(a.cycle().counts().total()).isZero();
    }

    /**
     * Windows refuses a domain-local group as a member of a universal group; Samba accepts it (samba-ad.md §11), so
     * Samba cannot catch the engine writing one. The engine's groups are all universal and a group member is
     * always one of its own written-back groups, so every group-valued member it writes is universal.
     */
    @Test
    @Order(40)
    void nestedCloudGroupsAreWrittenAsUniversalGroupsOnly() throws Exception {
        try (LDAPConnection admin = dc.connectAdmin()) {
            int groupMembers = 0;
            for (SearchResultEntry g : admin.search(new SearchRequest(MOVED_OU.toString(), SearchScope.ONE,
                    Filter.createEqualityFilter("objectClass", "group"), "member")).getSearchEntries()) {
                for (String member : g.getAttributeValues("member") == null ? new String[0]
                        : g.getAttributeValues("member")) {
                    SearchResultEntry m = admin.getEntry(w(new DN(member)), "objectClass", "groupType");
                    if (m.hasObjectClass("group")) {
                        groupMembers++;
                        int type = Integer.parseInt(m.getAttributeValue("groupType"));
                        assertThat(type & UNIVERSAL_SCOPE).as(member + " is universal").isNotZero();
                        assertThat(type & (DOMAIN_LOCAL_SCOPE | GLOBAL_SCOPE)).as(member).isZero();
                    }
                }
            }
            assertThat(groupMembers).as("the nested memberships of scenario 1 and 3").isEqualTo(2);
        }
    }

    @Test
    @Order(50)
    void aDnTakenByAnUnmanagedGroupIsAnExportErrorAndTheGroupIsNotTouched() throws Exception {
        DN taken = expectedDn(COLLIDING, "Colliding", MOVED_OU);
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.add(w(taken), new Attribute("objectClass", "group"),
                    new Attribute("sAMAccountName", "admins-own"), new Attribute("description", "made by an admin"),
                    new Attribute("member", SambaDc.BOB_DN.toString()));
        }
        tenantA.createGroup(security(COLLIDING, "Colliding", true, List.of(ALICE)));
        RunRecord r = a.cycle();
        assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(r.exportErrors()).hasSize(1);
        ExportError error = r.exportErrors().get(0);
        assertThat(error.cloudId()).isEqualTo(COLLIDING);
        assertThat(new DN(error.dn())).isEqualTo(taken);
        try (LDAPConnection admin = dc.connectAdmin()) {
            SearchResultEntry e = admin.getEntry(w(taken), "description", "adminDescription", "member",
                    "sAMAccountName");
            assertThat(e.getAttributeValue("description")).isEqualTo("made by an admin");
            assertThat(e.getAttributeValue("adminDescription")).isNull();
            assertThat(e.getAttributeValue("sAMAccountName")).isEqualTo("admins-own");
            assertThat(members(admin, taken)).containsExactly(SambaDc.BOB_DN);
            assertThat(byMarker(admin, COLLIDING)).as("no second object made elsewhere").isNull();
        }
    }


    @Test
    @Order(55)
    void aCloudRenameOntoADnTakenByAnUnmanagedGroupIsAnExportErrorAndTheGroupStaysPut() throws Exception {
        DN taken = expectedDn(CONTROL, "Taken name", MOVED_OU);
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.add(w(taken), new Attribute("objectClass", "group"), new Attribute("sAMAccountName", "admins-two"),
                    new Attribute("description", "the admin's"));
        }
        tenantA.renameGroup(CONTROL, "Taken name");
        RunRecord r = a.cycle();
        assertThat(r.status()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(r.counts().renames()).isZero();
        ExportError error = r.exportErrors().stream().filter(x -> CONTROL.equals(x.cloudId())).findFirst()
                .orElseThrow(() -> new AssertionError("no rename collision error in " + r));
        assertThat(new DN(error.dn())).isIn(taken, CONTROL_DN);
        assertThat(error.message()).contains(taken.getRDN().getAttributeValues()[0]);
        try (LDAPConnection admin = dc.connectAdmin()) {
            SearchResultEntry own = admin.getEntry(w(taken), "description", "adminDescription", "objectGUID");
            assertThat(own.getAttributeValue("description")).isEqualTo("the admin's");
            assertThat(own.getAttributeValue("adminDescription")).isNull();
            SearchResultEntry managed = admin.getEntry(w(CONTROL_DN), "objectGUID");
            assertThat(managed).as("the managed group stays at its old DN").isNotNull();
            assertThat(managed.getAttributeValueBytes("objectGUID")).isEqualTo(guids.get(CONTROL));
        }
    }


    /** A group Entra Connect wrote back earlier (adminDescription Group_<id>) is a collision until adopted in place. */
    @Test
    @Order(56)
    void aGroupConnectWroteBackIsReportedThenAdoptedInPlace() throws Exception {
        DN old = expectedDn(ADOPTED, "Written by Connect", MOVED_OU);
        byte[] guid;
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.add(w(old), new Attribute("objectClass", "group"), new Attribute("sAMAccountName", "Group_connect1"),
                    new Attribute("groupType", SECURITY_UNIVERSAL), new Attribute("adminDescription", "Group_" + ADOPTED),
                    new Attribute("member", SambaDc.BOB_DN.toString()));
            guid = admin.getEntry(w(old), "objectGUID").getAttributeValueBytes("objectGUID");
        }
        tenantA.createGroup(security(ADOPTED, "Written by Connect", true, List.of(ALICE)));
        RunRecord refused = a.cycle();
        assertThat(refused.exportErrors()).anyMatch(x -> ADOPTED.equals(x.cloudId()));
        assertThat(refused.counts().creates()).isZero();
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThat(members(admin, old)).as("untouched before adoption").containsExactly(SambaDc.BOB_DN);
        }
        RunRecord adopted = a.cycle(0, true);
        assertThat(adopted.exportErrors()).noneMatch(x -> ADOPTED.equals(x.cloudId()));
        assertThat(adopted.counts().creates()).isZero();
        try (LDAPConnection admin = dc.connectAdmin()) {
            SearchResultEntry e = admin.getEntry(w(old), "objectGUID", "displayName");
            assertThat(e.getAttributeValueBytes("objectGUID")).as("same object").isEqualTo(guid);
            assertThat(e.getAttributeValue("displayName")).isEqualTo("Written by Connect");
            assertThat(members(admin, old)).containsExactly(SambaDc.ALICE_DN);
        }
    }

    /** AD compares names case-insensitively; a case-only cloud rename must still converge (and show the new case). */
    @Test
    @Order(57)
    void aCaseOnlyRenameConverges() throws Exception {
        tenantA.renameGroup(BIG_GROUP, "EVERYONE IN MANY");
        RunRecord r = a.cycle();
        System.out.println("[samba2] case-only rename: " + r.counts());
        try (LDAPConnection admin = dc.connectAdmin()) {
            SearchResultEntry e = admin.getEntry(w(expectedDn(BIG_GROUP, "EVERYONE IN MANY", MOVED_OU)), "cn",
                    "displayName", "objectGUID", "objectSid");
            assertThat(e.getAttributeValue("displayName")).isEqualTo("EVERYONE IN MANY");
            assertThat(e.getAttributeValue("cn")).isEqualTo("EVERYONE IN MANY_0000000000d6");
            assertSameObject(BIG_GROUP, e);
        }
        RunRecord again = a.cycle();
        assertThat(again.counts().total()).isZero();
    }

    @Test
    @Order(60)
    void anAdminsEditOfMembersAndDescriptionIsRevertedThenNothingToDo() throws Exception {
        tenantA.setDescription(SIGNS, "cloud text");
        assertThat(a.cycle().counts().updates()).isEqualTo(1);
        DN signs = expectedDn(SIGNS, SIGNS_NAME, MOVED_OU);
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.modify(w(signs),
                    new Modification(ModificationType.DELETE, "member", SambaDc.BOB_DN.toString()),
                    new Modification(ModificationType.ADD, "member", SambaDc.ALICE_DN.toString(),
                            SambaDc.SEC_UNIVERSAL_DN.toString()),
                    new Modification(ModificationType.REPLACE, "description", "edited in AD"),
                    new Modification(ModificationType.REPLACE, "info", "an attribute we don't manage"));
        }
        RunRecord r = a.cycle();
        assertThat(r.counts().memberAdds()).isEqualTo(1);
        assertThat(r.counts().memberRemoves()).isEqualTo(2);
        assertThat(r.counts().updates()).isEqualTo(1);
        try (LDAPConnection admin = dc.connectAdmin()) {
            SearchResultEntry e = admin.getEntry(w(signs), "description", "info");
            assertThat(e.getAttributeValue("description")).isEqualTo("cloud text");
            assertThat(e.getAttributeValue("info")).as("unmanaged attribute left alone")
                    .isEqualTo("an attribute we don't manage");
            assertThat(members(admin, signs)).containsExactly(SambaDc.BOB_DN);
        }
        RunRecord again = a.cycle();
        assertThat(again.counts().total()).isZero();
    }


    /**
     * The admin changes a managed group's type, renames another and deletes a third in AD: the cloud is the source
     * of authority, so the next cycle sets the type back, renames back (same object) and writes the deleted group
     * again.
     */
    @Test
    @Order(65)
    void typeChangeRenameAndDeleteMadeInAdAreUndoneByTheNextCycle() throws Exception {
        DN signs = expectedDn(SIGNS, SIGNS_NAME, MOVED_OU);
        DN team = expectedDn(M365_SEC, M365_SEC_NAME, MOVED_OU);
        DN mailsec = expectedDn(M365_MAILSEC, M365_MAILSEC_NAME, MOVED_OU);
        String renamedSec = "Renamed: \"R&D\", Lab #3 = <new>";
        DN cloudSec = expectedDn(CLOUD_SEC, renamedSec, MOVED_OU);
        try (LDAPConnection admin = dc.connectAdmin()) {
            admin.modify(w(signs), new Modification(ModificationType.REPLACE, "groupType", DISTRIBUTION_UNIVERSAL),
                    new Modification(ModificationType.REPLACE, "adminDescription", "changed by an admin"));
            admin.modifyDN(w(team), "CN=Renamed by an admin", true);
            admin.modifyDN(w(cloudSec), w(new DN(cloudSec.getRDN())), true, w(BY_ID_OU));
            admin.delete(w(mailsec));
        }
        RunRecord r = a.cycle();
        assertThat(r.counts().renames()).isEqualTo(1);
        assertThat(r.counts().moves()).isEqualTo(1);
        assertThat(r.counts().creates()).isEqualTo(1);
        assertThat(r.counts().updates()).isGreaterThanOrEqualTo(1);
        try (LDAPConnection admin = dc.connectAdmin()) {
            SearchResultEntry back = admin.getEntry(w(cloudSec), "objectGUID", "objectSid");
            assertThat(back).as("moved back into the target OU").isNotNull();
            assertSameObject(CLOUD_SEC, back);
            SearchResultEntry s1 = admin.getEntry(w(signs), "groupType", "sAMAccountType", "adminDescription");
            assertThat(s1.getAttributeValue("adminDescription")).isEqualTo("Group_" + SIGNS);
            assertThat(s1.getAttributeValue("groupType")).isEqualTo(SECURITY_UNIVERSAL);
            assertThat(s1.getAttributeValue("sAMAccountType")).isEqualTo(SAM_GROUP_OBJECT);
            SearchResultEntry t = admin.getEntry(w(team), "objectGUID", "objectSid");
            assertThat(t).as("renamed back to " + team).isNotNull();
            assertSameObject(M365_SEC, t);
            assertThat(admin.getEntry(w(new DN(new RDN("CN", "Renamed by an admin"), MOVED_OU)))).isNull();
            assertGroup(admin, M365_MAILSEC, mailsec, SECURITY_UNIVERSAL, SAM_GROUP_OBJECT, "zurich@corp.example.test",
                    Set.of(SambaDc.BOB_DN));
        }
        assertThat(a.cycle().counts().total()).isZero();
    }

    @Test
    @Order(67)
    void aGroupAboveTheMemberLimitIsAnExportErrorAndLeftAsItIs() throws Exception {
        DN big = expectedDn(BIG_GROUP, "Everyone in Many", MOVED_OU);
        a.change(gw -> new SyncConfiguration.GroupWriteback(gw.enabled(), gw.targetOu(), gw.dnWithDisplayName(),
                1_000, gw.deleteWhenWritebackDisabled()));
        tenantA.removeMember(BIG_GROUP, manyIds.get(0));
        RunRecord r = a.cycle();
        ExportError error = r.exportErrors().stream().filter(x -> BIG_GROUP.equals(x.cloudId())).findFirst()
                .orElseThrow(() -> new AssertionError("no member-limit error in " + r));
        assertThat(error.code()).isEqualTo(Planner.PROBLEM_MEMBER_LIMIT);
        assertThat(error.message()).contains("EVERYONE IN MANY").contains(Integer.toString(BIG - 11))
                .contains("1000");
        assertThat(r.counts().deletes()).isZero();
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThat(rangedMembers(admin, big)).as("not exported: still the old members").hasSize(BIG - 10)
                    .contains(SambaDc.manyUser(0));
        }
        a.change(gw -> new SyncConfiguration.GroupWriteback(gw.enabled(), gw.targetOu(), gw.dnWithDisplayName(),
                50_000, gw.deleteWhenWritebackDisabled()));
        RunRecord back = a.cycle();
        assertThat(back.counts().memberRemoves()).isEqualTo(1);
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThat(rangedMembers(admin, big)).hasSize(BIG - 11).doesNotContain(SambaDc.manyUser(0));
        }
    }


    @Test
    @Order(68)
    void aUserDeletedInTheCloudLeavesTheGroupInAd() throws Exception {
        String carol = "a1000000-0000-0000-0000-0000000000c0";
        DN signs = expectedDn(SIGNS, SIGNS_NAME, MOVED_OU);
        String sid;
        try (LDAPConnection admin = dc.connectAdmin()) {
            sid = sidOf(admin, SambaDc.manyUser(BIG - 1));
        }
        tenantA.addUser(synced(carol, "Carol", sid));
        tenantA.addMember(SIGNS, carol);
        assertThat(a.cycle().counts().memberAdds()).isEqualTo(1);
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThat(members(admin, signs)).containsExactlyInAnyOrder(SambaDc.BOB_DN, SambaDc.manyUser(BIG - 1));
        }
        tenantA.deleteUser(carol);
        RunRecord r = a.cycle();
        assertThat(r.counts().memberRemoves()).isEqualTo(1);
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThat(members(admin, signs)).containsExactly(SambaDc.BOB_DN);
            assertThat(admin.getEntry(w(SambaDc.manyUser(BIG - 1)))).as("the AD user itself is not touched")
                    .isNotNull();
        }
    }

    @Test
    @Order(70)
    void softDeleteKeepsAndPermanentDeleteRemovesTheGroup() throws Exception {
        DN mailsec = expectedDn(M365_MAILSEC, M365_MAILSEC_NAME, MOVED_OU);
        tenantA.softDeleteGroup(M365_MAILSEC);
        RunRecord soft = a.cycle();
        assertThat(soft.counts().deletes()).isZero();
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThat(admin.getEntry(w(mailsec))).as("kept while restorable").isNotNull();
        }
        tenantA.hardDeleteGroup(M365_MAILSEC);
        RunRecord hard = a.cycle();
        assertThat(hard.counts().deletes()).isEqualTo(1);
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThat(admin.getEntry(w(mailsec))).isNull();
            assertThat(byMarker(admin, M365_MAILSEC)).isNull();
        }
    }


    @Test
    @Order(75)
    void aSoftDeletedGroupThatIsRestoredLosesNothing() throws Exception {
        DN team = expectedDn(M365_SEC, M365_SEC_NAME, MOVED_OU);
        tenantA.softDeleteGroup(M365_SEC);
        RunRecord soft = a.cycle();
        System.out.println("[samba2] soft delete of a nested M365 group: " + soft.counts());
        assertThat(soft.counts().deletes()).as("kept while restorable").isZero();
        tenantA.restoreGroup(M365_SEC);
        a.cycle();
        assertThat(a.cycle().counts().total()).isZero();
        try (LDAPConnection admin = dc.connectAdmin()) {
            SearchResultEntry e = admin.getEntry(w(team), "objectGUID", "objectSid");
            assertSameObject(M365_SEC, e);
            assertThat(members(admin, team)).containsExactly(SambaDc.ALICE_DN);
            assertThat(members(admin, expectedDn(M365_DIST, M365_DIST_NAME, MOVED_OU))).as("still nested")
                    .contains(team);
        }
    }

    @Test
    @Order(80)
    void withoutDelegatedRightsTheExportErrorSaysPermissionsAndNamesTheOu() throws Exception {
        RunRecord r = c.cycle();
        assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.COMPLETED_WITH_ERRORS);
        assertThat(r.exportErrors()).hasSize(1);
        ExportError error = r.exportErrors().get(0);
        assertThat(error.cloudId()).isEqualTo(C_SEC);
        assertThat(error.ldapResultCode()).isEqualTo(50);
        assertThat(error.message()).contains("may not").contains("gwb permissions grant")
                .contains(SambaDc.OTHER_OU.toString());
        try (LDAPConnection admin = dc.connectAdmin()) {
            assertThat(byMarker(admin, C_SEC)).isNull();
        }
    }


    @Test
    @Order(85)
    void aMissingTargetOuAndAWrongPasswordAreReportedPlainly() throws Exception {
        DN missing = new DN(new RDN("OU", "Does not exist"), SambaDc.GROUPS_OU);
        c.change(gw -> new SyncConfiguration.GroupWriteback(gw.enabled(), missing.toString(), gw.dnWithDisplayName(),
                gw.memberLimit(), gw.deleteWhenWritebackDisabled()));
        RunRecord r = c.cycle();
        assertThat(r.status()).as(r.toString()).isIn(RunStatus.COMPLETED_WITH_ERRORS, RunStatus.FAILED);
        String said = r.message() + " " + r.exportErrors();
        assertThat(said).as(r.toString()).contains(missing.toString()).contains("does not exist");

        Path password = Path.of(c.config().get().directory().passwordFile());
        DataDirectory.writeSecretFile(password, "not-the-password\n".toCharArray());
        RunRecord denied = c.cycle();
        assertThat(denied.status()).isEqualTo(RunStatus.FAILED);
        assertThat(denied.message()).contains("Active Directory").contains("wrong account or password")
                .contains(SambaDc.SERVICE_DN.toString()).doesNotContain("not-the-password");
    }

    @Test
    @Order(90)
    void disablingWritebackDeletesOnlyWhatTheEngineCreated() throws Exception {
        Map<DN, Set<DN>> seeded = new HashMap<>();
        Set<DN> engineGroups = new HashSet<>();
        try (LDAPConnection admin = dc.connectAdmin()) {
            for (DN d : List.of(SambaDc.SEC_UNIVERSAL_DN, SambaDc.DIST_UNIVERSAL_DN)) {
                seeded.put(d, members(admin, d));
            }
            for (String id : List.of(M365_DIST, M365_SEC, CLOUD_SEC, BIG_GROUP, SIGNS, CONTROL, ADOPTED)) {
                engineGroups.add(byMarker(admin, id).getParsedDN());
            }
        }
        a.change(gw -> new SyncConfiguration.GroupWriteback(false, gw.targetOu(), gw.dnWithDisplayName(),
                gw.memberLimit(), gw.deleteWhenWritebackDisabled()));
        a.config().updateAndGet(old -> new SyncConfiguration(old.cloud(), old.directory(), old.ouFilter(),
                old.groupWriteback(), 2, old.scheduler()));
        RunRecord stopped = a.cycle();
        assertThat(stopped.status()).as(stopped.toString()).isEqualTo(RunStatus.DELETION_THRESHOLD_EXCEEDED);
        assertThat(stopped.pendingDeletes()).isEqualTo(7);
        assertThat(stopped.counts().total()).isZero();
        try (LDAPConnection admin = dc.connectAdmin()) {
            for (DN d : engineGroups) {
                assertThat(admin.getEntry(w(d))).as("nothing deleted above the threshold: " + d).isNotNull();
            }
        }
        RunRecord r = a.cycle(7);
        assertThat(r.status()).as(r.toString()).isEqualTo(RunStatus.SUCCESS);
        assertThat(r.counts().deletes()).isEqualTo(7);
        assertThat(r.counts().total()).isEqualTo(7);
        try (LDAPConnection admin = dc.connectAdmin()) {
            for (DN d : engineGroups) {
                assertThat(admin.getEntry(w(d))).as("deleted " + d).isNull();
            }
            for (Map.Entry<DN, Set<DN>> s : seeded.entrySet()) {
                assertThat(admin.getEntry(w(s.getKey()))).as("seeded " + s.getKey()).isNotNull();
                assertThat(members(admin, s.getKey())).isEqualTo(s.getValue());
            }
            assertThat(admin.getEntry(w(expectedDn(COLLIDING, "Colliding", MOVED_OU))))
                    .as("the admin's own group in the target OU").isNotNull();
            assertThat(byMarker(admin, B_M365)).as("another engine's group").isNotNull();
            assertThat(byMarker(admin, B_SEC)).isNotNull();
        }
        assertThat(a.cycle().counts().total()).isZero();
    }

    // ---------------------------------------------------------------- helpers

    /** Connect's naming rule, computed here independently: Left(Trim(displayName), 51) + "_" + last 12 of id. */
    private static DN expectedDn(String id, String displayName, DN ou) {
        String trimmed = displayName.strip();
        String cn = trimmed.substring(0, Math.min(51, trimmed.length())) + "_" + id.substring(id.length() - 12);
        return new DN(new RDN("CN", cn), ou);
    }

    private static void assertGroup(LDAPConnection admin, String id, DN dn, String groupType, String samAccountType,
            String mail, Set<DN> members) throws Exception {
        SearchResultEntry e = admin.getEntry(w(dn), "groupType", "sAMAccountType", "adminDescription",
                "sAMAccountName", "mail", "objectGUID", "objectSid", "cn");
        assertThat(e).as("group " + id + " at " + dn).isNotNull();
        assertThat(e.getParsedDN()).isEqualTo(dn);
        assertThat(e.getAttributeValue("cn")).isEqualTo(dn.getRDN().getAttributeValues()[0]);
        assertThat(e.getAttributeValue("cn").length()).as("within AD's 64 characters").isLessThanOrEqualTo(64);
        assertThat(e.getAttributeValue("groupType")).as("groupType of " + id).isEqualTo(groupType);
        assertThat(e.getAttributeValue("sAMAccountType")).as("sAMAccountType of " + id).isEqualTo(samAccountType);
        assertThat(e.getAttributeValue("adminDescription")).isEqualTo("Group_" + id);
        assertThat(e.getAttributeValue("sAMAccountName")).hasSizeLessThanOrEqualTo(20).startsWith("Group_");
        assertThat(e.getAttributeValue("mail")).isEqualTo(mail);
        if (members != null) {
            assertThat(members(admin, dn)).as("members of " + id).isEqualTo(members);
        }
        guids.put(id, e.getAttributeValueBytes("objectGUID"));
        sids.put(id, e.getAttributeValueBytes("objectSid"));
    }

    /** {@code dn} as Samba accepts it: the SDK's form with {@code =} in values escaped as {@code \\3D}. */
    private static String w(DN dn) {
        return AdDn.wire(dn);
    }

    private static void assertSameObject(String id, SearchResultEntry e) {
        assertThat(e.getAttributeValueBytes("objectGUID")).as("objectGUID of " + id).isEqualTo(guids.get(id));
        assertThat(e.getAttributeValueBytes("objectSid")).as("objectSid of " + id).isEqualTo(sids.get(id));
    }

    private static SearchResultEntry byMarker(LDAPConnection admin, String id) throws Exception {
        List<SearchResultEntry> found = admin.search(new SearchRequest(SambaDc.BASE_DN.toString(), SearchScope.SUB,
                Filter.createEqualityFilter("adminDescription", "Group_" + id), "cn")).getSearchEntries();
        assertThat(found).as("at most one group marked for " + id).hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.get(0);
    }

    private static Set<DN> children(LDAPConnection admin, DN ou) throws Exception {
        Set<DN> out = new HashSet<>();
        for (SearchResultEntry e : admin.search(new SearchRequest(ou.toString(), SearchScope.ONE,
                Filter.createEqualityFilter("objectClass", "group"), "1.1")).getSearchEntries()) {
            out.add(e.getParsedDN());
        }
        return out;
    }

    private static Set<DN> members(LDAPConnection admin, DN group) throws Exception {
        Set<DN> out = new HashSet<>();
        String[] values = admin.getEntry(w(group), "member").getAttributeValues("member");
        for (String v : values == null ? new String[0] : values) {
            out.add(new DN(v));
        }
        return out;
    }

    /** Members read in explicit ranges of 1,000 ({@code member;range=a-b}), as against Windows AD. */
    private static Set<DN> rangedMembers(LDAPConnection admin, DN group) throws Exception {
        Set<DN> out = new HashSet<>();
        int low = 0;
        while (true) {
            String wanted = "member;range=" + low + "-" + (low + 999);
            SearchResultEntry e = admin.getEntry(w(group), wanted);
            Attribute got = e.getAttributes().stream().filter(x -> x.getBaseName().equalsIgnoreCase("member"))
                    .findFirst().orElse(null);
            if (got == null) {
                return out;
            }
            for (String v : got.getValues()) {
                out.add(new DN(v));
            }
            if (got.getName().endsWith("-*")) {
                return out;
            }
            low += got.size();
        }
    }

    private static String sidOf(LDAPConnection admin, DN user) throws Exception {
        return Sid.fromBytes(admin.getEntry(w(user), "objectSid").getAttributeValueBytes("objectSid")).value();
    }

    private static TenantFixture.User synced(String id, String name, String sid) {
        return new TenantFixture.User(id, name, name.toLowerCase() + "@corp.example.test", null, true, sid, null,
                name.toLowerCase());
    }

    private static TenantFixture.Group m365(String id, String name, String nick, String type, List<String> members) {
        String mail = nick + "@corp.example.test";
        return new TenantFixture.Group(id, name, null, nick, mail, List.of("Unified"), false, true, null,
                List.of("SMTP:" + mail), type == null ? null : true, type, members, null);
    }

    private static TenantFixture.Group security(String id, String name, Boolean writeback, List<String> members) {
        return new TenantFixture.Group(id, name, null, "sec" + id.substring(id.length() - 4), null, List.of(), true,
                false, null, List.of(), writeback, writeback == null ? null : "universalSecurityGroup", members, null);
    }

    private static Side side(String name, TenantEmulator tenant, DN targetOu, boolean dnWithDisplayName)
            throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data-" + name));
        Path secret = data.resolve("client-secret.txt");
        DataDirectory.writeSecretFile(secret, (tenant.clientSecret() + "\n").toCharArray());
        Path password = data.resolve("ldap-password.txt");
        DataDirectory.writeSecretFile(password, (SambaDc.SERVICE_PASSWORD + "\n").toCharArray());
        SyncConfiguration config = new SyncConfiguration(
                new SyncConfiguration.Cloud(tenant.authority(), tenant.graphBaseUrl(), tenant.clientId(),
                        new SyncConfiguration.Credential(secret.toString(), null, null),
                        tenant.caCertificate().toString()),
                new SyncConfiguration.Directory(dc.ldapsUrl(), SambaDc.SERVICE_DN.toString(), password.toString(),
                        dc.caCertificate().toString(), SambaDc.BASE_DN.toString()),
                new SyncConfiguration.OuFilter(List.of(SambaDc.BASE_DN.toString()), List.of()),
                new SyncConfiguration.GroupWriteback(true, targetOu.toString(), dnWithDisplayName, 50_000, false),
                500, new SyncConfiguration.Scheduler(false, 30));
        AtomicReference<SyncConfiguration> ref = new AtomicReference<>(config);
        Connectors product = new Connectors() {
            @Override
            public CloudSource cloud(SyncConfiguration cfg, Path dataDir) throws org.groupwriteback.engine.graph
                    .CloudException {
                return new GraphCloudSource(cfg.cloud());
            }

            @Override
            public Directory directory(SyncConfiguration cfg, Path dataDir) throws org.groupwriteback.engine.ad
                    .DirectoryException {
                return LdapDirectory.open(cfg.directory());
            }
        };
        return new Side(Engine.open(data, ref::get, product), ref);
    }
}
