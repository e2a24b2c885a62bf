package org.groupwriteback.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.sdk.DN;
import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.RDN;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.groupwriteback.demo.DemoEnvironment;
import org.groupwriteback.engine.ad.DirectoryException;
import org.groupwriteback.engine.ad.DirectoryInfo;
import org.groupwriteback.engine.config.ConfigurationException;
import org.groupwriteback.engine.config.ConfigurationJson;
import org.groupwriteback.engine.config.SyncConfiguration;
import org.groupwriteback.engine.graph.CloudGroup;
import org.groupwriteback.engine.graph.TenantInfo;
import org.groupwriteback.engine.run.ProductConnectors;
import org.groupwriteback.wizard.PlanPreview;
import org.groupwriteback.wizard.WizardServices;
import org.groupwriteback.wizard.WizardServices.DirectoryConnection;
import org.groupwriteback.wizard.WizardServices.OrganizationalUnit;
import org.groupwriteback.wizard.WizardServices.RunSummary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's real backend against the demo world in this process: tenant emulator + in-memory directory. */
class EngineWizardServicesTest {
    @TempDir
    Path tmp;

    private DemoEnvironment env;
    private EngineWizardServices services;
    private Path data;

    @BeforeEach
    void start() throws Exception {
        env = DemoEnvironment.start(null, null, 0, 0, tmp.resolve("env"));
        data = tmp.resolve("data");
        services = new EngineWizardServices(data, new ProductConnectors(),
                new WizardServices.FirstRunDraft(env.configuration(), env.directory().bindPassword()));
    }

    @AfterEach
    void stop() {
        services.close();
        env.close();
    }

    private DirectoryConnection connection(String password) {
        return new DirectoryConnection(env.directory().ldapUrl(), env.directory().bindDn().toString(),
                password.toCharArray(), null);
    }

    private static DN parse(String dn) {
        try {
            return new DN(dn);
        } catch (com.unboundid.ldap.sdk.LDAPException e) {
            throw new AssertionError("not a DN: " + dn, e);
        }
    }

    private DN base() {
        return env.directory().baseDn();
    }

    /** {@code ou("Corp", "Users")} = OU=Users,OU=Corp,&lt;base&gt;: outermost first. */
    private DN ou(String... path) {
        DN dn = base();
        for (int i = 0; i < path.length; i++) {
            dn = new DN(new RDN("OU", path[i]), dn);
        }
        return dn;
    }

    private List<SearchResultEntry> groupsUnder(DN dn) throws Exception {
        try (LDAPConnection c = env.directory().connection()) {
            return c.search(dn.toString(), SearchScope.SUB, Filter.createEqualityFilter("objectClass", "group"),
                    "cn", "adminDescription").getSearchEntries();
        }
    }

    @Test
    void aFreshDataDirectoryIsAFirstRunWithTheDemoDraft() {
        assertThat(services.currentConfiguration()).isEmpty();
        assertThat(services.firstRunDraft()).get().extracting(d -> d.configuration().directory().ldapUrl())
                .isEqualTo(env.directory().ldapUrl());
    }

    @Test
    void deviceCodeSignInReturnsTheFabrikamTenantAndItsGroups() throws Exception {
        List<WizardServices.DeviceCode> shown = new ArrayList<>();
        TenantInfo tenant = services.signIn(env.tenant().authority(), env.tenant().publicClientId(), shown::add);

        assertThat(tenant.displayName()).isEqualTo("Fabrikam");
        assertThat(tenant.tenantId()).isEqualTo(env.tenant().tenantId());
        assertThat(shown).singleElement().satisfies(code -> {
            assertThat(code.userCode()).isNotBlank();
            assertThat(code.message()).contains(code.userCode());
        });
        List<CloudGroup> groups = services.sampleCloudGroups(3);
        assertThat(groups).hasSize(3).allSatisfy(g -> assertThat(g.displayName()).isNotBlank());
    }

    @Test
    void signInWithAnUnknownClientIdSaysWhichIdToCheck() {
        assertThatThrownBy(() -> services.signIn(env.tenant().authority(), "11111111-2222-3333-4444-555555555555",
                code -> { }))
                .hasMessageContaining("11111111-2222-3333-4444-555555555555");
    }

    @Test
    void testConnectionReadsTheDomainAndAWrongPasswordSaysSo() throws Exception {
        DirectoryInfo info = services.testDirectory(connection(env.directory().bindPassword()));
        assertThat(new DN(info.defaultNamingContext())).isEqualTo(base());

        assertThatThrownBy(() -> services.testDirectory(connection("not-the-password")))
                .isInstanceOf(DirectoryException.class)
                .hasMessageContaining("wrong account or password");
    }

    @Test
    void childOusListTheLevelBelowWithExpandersWhereThereIsMore() throws Exception {
        List<OrganizationalUnit> top = services.childOus(connection(env.directory().bindPassword()),
                base().toString());
        assertThat(top).extracting(OrganizationalUnit::name).contains("Corp");
        OrganizationalUnit corp = top.stream().filter(o -> o.name().equals("Corp")).findFirst().orElseThrow();
        assertThat(corp.hasChildren()).isTrue();

        List<OrganizationalUnit> below = services.childOus(connection(env.directory().bindPassword()), corp.dn());
        assertThat(below).extracting(OrganizationalUnit::name).contains("Cloud Groups", "Users", "Excluded");
        assertThat(below).extracting(o -> parse(o.dn())).contains(ou("Corp", "Cloud Groups"));
    }

    @Test
    void aTargetOuOutsideTheFilterIsAFieldErrorNamingBoth() {
        SyncConfiguration c = env.configuration();
        String users = ou("Corp", "Users").toString();
        String target = ou("Corp", "Cloud Groups").toString();
        SyncConfiguration narrowed = new SyncConfiguration(c.cloud(), c.directory(),
                new SyncConfiguration.OuFilter(List.of(users), List.of()),
                new SyncConfiguration.GroupWriteback(true, target, false, 50_000, false), c.deletionThreshold(),
                c.scheduler());

        assertThat(services.validate(narrowed)).anySatisfy(e -> {
            assertThat(e.field()).startsWith("groupWriteback.targetOu");
            assertThat(e.message()).containsIgnoringCase("Cloud Groups").containsIgnoringCase("Users");
        });
        assertThat(services.validate(c)).isEmpty();
    }

    @Test
    void aFirstRunDraftWithoutPasswordFileValidatesBecauseSavingWritesOne() {
        SyncConfiguration c = env.configuration();
        SyncConfiguration.Directory d = c.directory();
        SyncConfiguration noFile = new SyncConfiguration(c.cloud(), new SyncConfiguration.Directory(d.ldapUrl(),
                d.bindDn(), null, d.caCertificate(), d.baseDn()), c.ouFilter(), c.groupWriteback(),
                c.deletionThreshold(), c.scheduler());
        assertThat(services.validate(noFile)).isEmpty();
    }

    @Test
    void thePreviewIsThePlanTheNextCycleApplies() throws Exception {
        services.saveConfiguration(env.configuration(), new WizardServices.SaveRequest(
                env.directory().bindPassword().toCharArray(), false, true));
        SyncConfiguration c = services.currentConfiguration().orElseThrow();

        List<String> before = groupsUnder(ou("Corp", "Cloud Groups")).stream().map(SearchResultEntry::getDN).toList();
        PlanPreview preview = services.preview(c);
        assertThat(groupsUnder(ou("Corp", "Cloud Groups")).stream().map(SearchResultEntry::getDN).toList())
                .as("a preview writes nothing").isEqualTo(before);
        RunSummary run = services.runSync();
        org.groupwriteback.engine.run.RunRecord record = services.engine().lastRuns(1).get(0);
        long runId = record.id();
        // The demo's collisions are planned as creates and fail at export (never overwritten): all else applies.
        java.util.Set<DN> failed = record.exportErrors().stream().filter(e -> e.dn() != null)
                .map(e -> parse(e.dn())).collect(java.util.stream.Collectors.toSet());
        assertThat(failed).hasSize(run.exportErrors().size());

        // A new group's members travel in its add: its member add is journaled as part of the create.
        java.util.Set<String> created = preview.rows().stream().filter(r -> r.change().equals("create"))
                .map(r -> "addMembers " + r.dn()).collect(java.util.stream.Collectors.toSet());
        List<String> planned = preview.rows().stream().filter(r -> !failed.contains(parse(r.dn())))
                .map(r -> r.change() + " " + r.dn()).filter(r -> !created.contains(r)).sorted().toList();
        List<String> applied = services.engine().store().changes(runId).stream()
                .filter(ch -> "APPLIED".equals(ch.status())).map(ch -> ch.kind() + " " + ch.dn())
                .filter(r -> !created.contains(r)).sorted().toList();
        assertThat(planned).isNotEmpty().isEqualTo(applied);
        assertThat(preview.counts().get("create")).isEqualTo(run.added() + failed.size());
        assertThat(preview.microsoft365Creates() + preview.securityCreates()).isEqualTo(run.added() + failed.size());
        assertThat(preview.microsoft365Creates()).isPositive();
        assertThat(preview.rows().stream().filter(r -> !failed.contains(parse(r.dn())))
                .mapToInt(PlanPreview.Row::membersAdded).sum()).isEqualTo(run.membersAdded());
        assertThat(preview.toCsv()).startsWith("group,change,dn,membersAdded,membersRemoved,why")
                .contains(preview.rows().get(0).dn());
    }

    @Test
    void savingThenSyncingWritesTheGroupsBackAndReleasingKeepsThemInAd() throws Exception {
        DN target = ou("Corp", "Cloud Groups");
        // The demo OU already holds groups (one left by Entra Connect, one an admin made): they stay untouched.
        List<String> before = groupsUnder(target).stream().map(SearchResultEntry::getDN).toList();

        services.saveConfiguration(env.configuration(), new WizardServices.SaveRequest(
                env.directory().bindPassword().toCharArray(), false, true));

        SyncConfiguration stored = ConfigurationJson.read(data.resolve("configuration.json"));
        assertThat(stored.directory().passwordFile()).isEqualTo(EngineWizardServices.PASSWORD_FILE);
        Path secret = data.resolve(EngineWizardServices.PASSWORD_FILE);
        assertThat(Files.readString(secret)).isEqualTo(env.directory().bindPassword());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(services.currentConfiguration()).contains(stored);

        RunSummary run = services.runSync();
        // The demo's two pre-existing objects at the names of cloud groups are collisions, never overwritten.
        assertThat(run.status()).isEqualTo("COMPLETED_WITH_ERRORS");
        assertThat(run.exportErrors()).hasSize(before.size())
                .allSatisfy(e -> assertThat(e).contains("already exists", "left untouched"));
        List<SearchResultEntry> written = groupsUnder(target).stream().filter(e -> !before.contains(e.getDN()))
                .toList();
        assertThat(written).isNotEmpty().hasSize(run.added())
                .allSatisfy(e -> assertThat(e.getAttributeValue("adminDescription")).startsWith("Group_"));
        assertThat(services.recentRuns(5)).hasSize(1).first().extracting(RunSummary::added).isEqualTo(run.added());

        List<String> managed = services.managedGroupNames();
        assertThat(managed).hasSize(written.size());
        assertThat(services.previewMove(target.toString(), ou("Corp", "Groups").toString())).isEqualTo(managed.size());
        assertThat(services.previewMove(target.toString(), target.toString())).isZero();

        RunSummary second = services.runSync();
        assertThat(second.added() + second.updated() + second.membersAdded() + second.deleted()).isZero();

        services.saveConfiguration(stored, new WizardServices.SaveRequest(new char[0], true, false));
        assertThat(services.managedGroupNames()).isEmpty();
        assertThat(groupsUnder(target)).hasSize(before.size() + written.size());
        assertThat(Files.readString(secret)).as("an empty password keeps the stored one")
                .isEqualTo(env.directory().bindPassword());
    }

    @Test
    void anInvalidConfigurationIsNotSaved() {
        SyncConfiguration c = env.configuration();
        SyncConfiguration noTarget = new SyncConfiguration(c.cloud(), c.directory(), c.ouFilter(),
                new SyncConfiguration.GroupWriteback(true, "not a dn", false, 50_000, false), c.deletionThreshold(),
                c.scheduler());
        assertThatThrownBy(() -> services.saveConfiguration(noTarget, new WizardServices.SaveRequest(new char[0],
                false, true))).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("groupWriteback.targetOu");
        assertThat(data.resolve("configuration.json")).doesNotExist();
    }

    @Test
    void theExampleDnUsesTheEngineNamingRule() throws Exception {
        String target = ou("Corp", "Cloud Groups").toString();
        String id = "0a9e126b-5303-5464-8fae-6d41f952e19b";
        assertThat(new DN(services.exampleDn("Sales, EMEA", id, target, true)))
                .isEqualTo(new DN(new RDN("CN", "Sales, EMEA_6d41f952e19b"), ou("Corp", "Cloud Groups")));
        assertThat(new DN(services.exampleDn("Sales", id, target, false)).getRDN())
                .isEqualTo(new RDN("CN", "Group_" + id));
    }

    @Test
    void verifyFindsEveryRightInPlaceForTheDemoSyncAccount() throws Exception {
        String target = ou("Corp", "Cloud Groups").toString();
        assertThat(services.verifyPermissions(connection(env.directory().bindPassword()), target)).isEmpty();
        assertThatThrownBy(() -> services.verifyPermissions(connection("wrong"), target))
                .isInstanceOf(DirectoryException.class);
    }

    @Test
    void thePermissionsScriptNamesTheAccountAndTheOu() {
        String target = ou("Corp", "Cloud Groups").toString();
        String script = services.permissionsScript(env.directory().bindDn().toString(), target);
        assertThat(script).contains("Cloud Groups");
    }
}
